using System.Diagnostics;
using System.Globalization;
using Dapper;
using Wiimmfi.Actors.Storage;
using Wiimmfi.LoadTest.Scenarios.Sake;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Benchmarks.Sake;

/// <summary>
/// Where a SAKE search's time goes, in process and one call at a time on a seeded database: the SOAP parse, the
/// login-ticket check, the store call, the response writer. Wall time per call on one thread (so on a busy
/// machine an upper bound of the CPU each part costs); the node adds Kestrel and the HTTP exchange around them.
/// </summary>
internal static class SakeCosts
{
    public static async Task WriteAsync(StoreOptions options, SakeSeedLayout layout, TextWriter output, CancellationToken cancellationToken)
    {
        const int calls = 3_000;
        var tickets = GpcmLoginTicketCodec.CreateWithRandomSecret();
        var ticket = tickets.Issue(1_000_000_001, DateTimeOffset.UtcNow);
        var friends = Enumerable.Range(0, 20).Select(i => (int)SakeSeedLayout.ProfileId(i * 11 % layout.FriendInfoRecords)).ToArray();
        var rivalRequest = new SakeSearchForRecordsRequest(MkwFacts.GameId, "9r3Rmy", ticket, "GhostData", "course = 5 and gameid = 1687 and time < 120000",
            "time desc", 0, 1, null, 0, [], false, ["fileid", "profile", "time"]);
        var friendsRequest = new SakeSearchForRecordsRequest(MkwFacts.GameId, "9r3Rmy", ticket, "FriendInfo", null, null, 0, friends.Length, null, 0,
            friends, false, [SakeReservedFields.RecordId, SakeReservedFields.OwnerId, "info"]);
        var rivalBody = SakeRequestWriter.Write(rivalRequest);
        var friendsBody = SakeRequestWriter.Write(friendsRequest);
        var action = SakeRequestWriter.SoapAction(SakeAction.SearchForRecords);

        await output.WriteLineAsync($"# SAKE search costs, in process, one call at a time ({calls:N0} calls each, after as many to warm up)").ConfigureAwait(false);
        await MeasureAsync(output, "SOAP parse, ghost search body", calls, () => { SakeRequestParser.Parse(rivalBody, action, SakeLimits.Default); return Task.CompletedTask; }).ConfigureAwait(false);
        await MeasureAsync(output, "SOAP parse, friends' FriendInfo body", calls, () => { SakeRequestParser.Parse(friendsBody, action, SakeLimits.Default); return Task.CompletedTask; }).ConfigureAwait(false);
        await MeasureAsync(output, "login ticket check", calls, () => { tickets.TryOpen(ticket, DateTimeOffset.UtcNow, out _, out _); return Task.CompletedTask; }).ConfigureAwait(false);

        await using var store = WiimmfiStore.Create(options);
        var random = new Random(1);
        await MeasureAsync(output, "store: rival ghost", calls, () =>
        {
            var course = random.Next(SakeSeedLayout.Courses);
            return store.Race.FindRivalGhostAsync(course, SakeSeedLayout.CourseBaseMs(course) + random.Next(SakeSeedLayout.TimeSpreadMs), 1_000_000_001, cancellationToken);
        }).ConfigureAwait(false);
        await MeasureAsync(output, "store: top ghost (worldwide)", calls, () => store.Race.FindFastestGhostAsync(random.Next(SakeSeedLayout.Courses), 0, cancellationToken)).ConfigureAwait(false);
        var owners = friends.Select(id => (uint)id).ToArray();
        SakeRecordPage? page = null;
        await MeasureAsync(output, "store: 20 friends' FriendInfo", calls, async () =>
            page = await store.Sake.SearchAsync(new SakeRecordQuery(MkwFacts.GameId, "FriendInfo") { OwnerIds = owners, Max = owners.Length }, cancellationToken)
                .ConfigureAwait(false)).ConfigureAwait(false);

        // The friends' search split: the statement alone (rows read, fields left as text), then the JSON of its records.
        await using var database = StoreDatabase.Create(options);
        var sake = new SqlSakeStore(database, TimeProvider.System);
        if (sake.TryBuildSearch(new SakeRecordQuery(MkwFacts.GameId, "FriendInfo") { OwnerIds = owners, Max = owners.Length }, out var sql, out var parameters, out _))
        {
            await MeasureAsync(output, "  of which SQL only (rows, fields as text)", calls, () =>
                database.WithConnectionAsync(connection => connection.QueryAsync(database.Command(sql, parameters, null, cancellationToken)), cancellationToken))
                .ConfigureAwait(false);
        }
        var fieldsJson = Enumerable.Range(0, owners.Length).Select(i => SakeFieldsJson.Write(
            new Dictionary<string, SakeValue>(StringComparer.Ordinal) { ["info"] = SakeValue.FromBinary(SakeSeedLayout.FriendInfo(i)) })).ToArray();
        await MeasureAsync(output, "  of which fields JSON of 20 records", calls, () =>
        {
            foreach (var json in fieldsJson) SakeFieldsJson.Read(json);
            return Task.CompletedTask;
        }).ConfigureAwait(false);

        var records = page!.Records.Select(r => (IReadOnlyList<SakeValue>)[SakeValue.FromInt32(r.RecordId), SakeValue.FromInt32((int)r.OwnerId), r.Fields["info"]]).ToList();
        var friendsResponse = new SakeRecordsResponse(SakeAction.SearchForRecords, SakeResult.Success, records);
        var ghostResponse = new SakeRecordsResponse(SakeAction.SearchForRecords, SakeResult.Success,
            [[SakeValue.FromInt32(1234), SakeValue.FromInt32(100_000_001), SakeValue.FromInt32(119_876)]]);
        await MeasureAsync(output, "response writer, one ghost", calls, () => { SakeResponseWriter.Write(ghostResponse); return Task.CompletedTask; }).ConfigureAwait(false);
        await MeasureAsync(output, "response writer, 20 FriendInfo records", calls, () => { SakeResponseWriter.Write(friendsResponse); return Task.CompletedTask; }).ConfigureAwait(false);
    }

    private static async Task MeasureAsync(TextWriter output, string what, int calls, Func<Task> call)
    {
        for (var i = 0; i < calls; i++) await call().ConfigureAwait(false);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) await call().ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{what,-42} {elapsed.TotalMicroseconds / calls,9:0.0} µs wall  {cpuUsed.TotalMicroseconds / calls,9:0.0} µs CPU (process)  {bytes / calls,9:N0} B allocated"))
            .ConfigureAwait(false);
    }
}
