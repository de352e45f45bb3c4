using System.Globalization;
using System.Net;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Files;

namespace Wiimmfi.LoadTest.Scenarios.Sake;

/// <summary>
/// <c>sake-mix</c>: SAKE reads and writes as a Mario Kart Wii evening puts them on a node — one iteration is a
/// condensed time-trial session of one console:
/// <list type="number">
/// <item><c>friendinfo-save</c>: CreateRecord of the console's FriendInfo the first time, UpdateRecord after (a write);</item>
/// <item><c>friendinfo-mine</c>: GetMyRecords, which must give back exactly what was saved;</item>
/// <item><c>friend-infos</c>: SearchForRecords of 10–30 seeded friends' FriendInfo;</item>
/// <item><c>ghost-top</c>: SearchForRecords on StoredGhostData for a course's fastest ghost (worldwide)…</item>
/// <item><c>ghost-file</c>: …and <c>download.aspx</c> of that file (the store counts the download: a write);</item>
/// <item><c>ghost-download</c>: <c>ghostdownload.aspx</c> of a rival ghost just below a time that has one;</item>
/// <item><c>ghost-upload</c>: <c>ghostupload.aspx</c> of a new ghost (a write: score and file, the best kept).</item>
/// </list>
/// Three of the seven requests write. Runs against a node seeded with <see cref="SakeSeedLayout.Standard"/>; every
/// answer is checked (the friends and ghosts it asks for exist in the seed).
/// </summary>
public sealed class SakeMixScenario : ILoadScenario
{
    public const string ScenarioName = "sake-mix";
    public const string SaveStep = "friendinfo-save";
    public const string MineStep = "friendinfo-mine";
    public const string FriendsStep = SakeSearchScenario.FriendsStep;
    public const string TopStep = SakeSearchScenario.TopStep;
    public const string FileStep = "ghost-file";
    public const string DownloadStep = "ghost-download";
    public const string UploadStep = "ghost-upload";

    private const string FriendInfoTable = "FriendInfo";
    private const string InfoField = "info";

    public string Name => ScenarioName;

    public string Description =>
        "SAKE reads and writes of a MKW time-trial session (FriendInfo create/update/get, friends' FriendInfo, top-ghost search " +
        "and download, rival ghost download, ghost upload) against a node seeded with the standard layout; users sign in first.";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } = SakeUsers.DefaultPorts;

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new PreparedScenario(Create(target.Endpoint(SakeUsers.HttpPort, SakeUsers.DefaultHttpPort),
            target.Endpoint(SakeUsers.GpcmPort, SakeUsers.DefaultGpcmPort), SakeSeedLayout.Standard)));

    public static Scenario Create(IPEndPoint http, IPEndPoint gpcm, SakeSeedLayout layout)
    {
        LoopbackAddresses.Require(http);
        LoopbackAddresses.Require(gpcm);
        layout.Validate();
        var searches = new SakeSearches(layout);
        return Scenario.Create(ScenarioName,
                Step.Create(SaveStep, ctx => SaveFriendInfoAsync(ctx, ctx.GetState<SakeConsole>())),
                Step.Create(MineStep, ctx => ReadOwnFriendInfoAsync(ctx, ctx.GetState<SakeConsole>())),
                Step.Create(FriendsStep, ctx => searches.FriendsInfoAsync(ctx, ctx.GetState<SakeConsole>())),
                Step.Create(TopStep, ctx => FindTopGhostAsync(ctx, searches)),
                Step.Create(FileStep, ctx => DownloadTopGhostAsync(ctx, ctx.GetState<SakeConsole>())),
                Step.Create(DownloadStep, ctx => DownloadRivalAsync(ctx, ctx.GetState<SakeConsole>(), searches)),
                Step.Create(UploadStep, ctx => UploadGhostAsync(ctx, ctx.GetState<SakeConsole>())))
            .WithInit(ctx => SakeUsers.SignInAsync(ctx, http, gpcm))
            .WithClean(SakeUsers.SignOutAsync);
    }

    private static async ValueTask<Response> SaveFriendInfoAsync(UserContext ctx, SakeConsole console)
    {
        var info = (byte[])console.PlayerInfo.Clone();
        info[^2] = (byte)console.Seed++; // the state byte: every save writes something new
        IReadOnlyList<SakeField> values = [new SakeField(InfoField, SakeValue.FromBinary(info))];
        var client = console.Sake;
        SakeRequest request = console.FriendInfoRecordId == 0
            ? new SakeCreateRecordRequest(client.GameId, client.SecretKey, client.LoginTicket, FriendInfoTable, values)
            : new SakeUpdateRecordRequest(client.GameId, client.SecretKey, client.LoginTicket, FriendInfoTable, console.FriendInfoRecordId, values);
        var call = await SakeCall.SendAsync(client, request, ctx.CancellationToken).ConfigureAwait(false);
        if (!call.Succeeded) return call.Outcome;
        if (call.Answer is SakeCreateRecordResponse created)
        {
            if (created.RecordId <= 0) return call.Wrong($"CreateRecord answered record id {created.RecordId}");
            console.FriendInfoRecordId = created.RecordId;
        }
        console.SavedInfo = info;
        return call.Outcome;
    }

    private static async ValueTask<Response> ReadOwnFriendInfoAsync(UserContext ctx, SakeConsole console)
    {
        var client = console.Sake;
        var call = await SakeCall.SendAsync(client, new SakeGetMyRecordsRequest(client.GameId, client.SecretKey, client.LoginTicket,
            FriendInfoTable, [SakeReservedFields.RecordId, InfoField]), ctx.CancellationToken).ConfigureAwait(false);
        if (!call.Succeeded) return call.Outcome;
        if (call.Records.Count != 1) return call.Wrong($"GetMyRecords answered {call.Records.Count} FriendInfo records, not the one saved");
        var record = call.Records[0];
        return record[0].GetInt32() == console.FriendInfoRecordId && record[1].GetBytes().AsSpan().SequenceEqual(console.SavedInfo)
            ? call.Outcome
            : call.Wrong($"GetMyRecords answered record {record[0].Text} with other info than saved in {console.FriendInfoRecordId}");
    }

    private static async ValueTask<Response> FindTopGhostAsync(UserContext ctx, SakeSearches searches)
    {
        var (outcome, fileId) = await searches.TopGhostAsync(ctx, ctx.GetState<SakeConsole>(), worldwide: true).ConfigureAwait(false);
        ctx.Items[FileStep] = fileId;
        return outcome;
    }

    private static async ValueTask<Response> DownloadTopGhostAsync(UserContext ctx, SakeConsole console)
    {
        var fileId = ctx.Items.TryGetValue(FileStep, out var item) && item is int id ? id : 0;
        if (fileId <= 0) return Response.Fail(SakeCall.WrongAnswer, "the top-ghost search gave no file to download");
        var (result, body) = await console.Sake.DownloadFileAsync(fileId, (int)console.ProfileId, ctx.CancellationToken).ConfigureAwait(false);
        if (result != SakeFileResult.Success) return Response.Fail($"file-result-{(int)result}", $"download.aspx of file {fileId} answered {result}", 0, body.Length);
        return IsGhost(body, 0)
            ? Response.Ok(0, body.Length)
            : Response.Fail(SakeCall.WrongAnswer, $"file {fileId} is not an RKGD ghost", 0, body.Length);
    }

    private static async ValueTask<Response> DownloadRivalAsync(UserContext ctx, SakeConsole console, SakeSearches searches)
    {
        var course = ctx.Random.Next(SakeSeedLayout.Courses);
        var time = searches.TimeWithRival(ctx, course);
        var (result, body) = await console.Sake.DownloadGhostAsync((int)console.ProfileId, course, time, 0, ctx.CancellationToken).ConfigureAwait(false);
        if (result != SakeFileResult.Success)
        {
            return Response.Fail($"file-result-{(int)result}",
                string.Create(CultureInfo.InvariantCulture, $"ghostdownload.aspx below {time} ms on course {course} answered {result}"), 0, body.Length);
        }
        return IsGhost(body, MkwGhostDownloadRequest.HeaderSize)
            ? Response.Ok(0, body.Length)
            : Response.Fail(SakeCall.WrongAnswer, "ghostdownload.aspx did not answer the 0x200-byte header and an RKGD ghost", 0, body.Length);
    }

    private static async ValueTask<Response> UploadGhostAsync(UserContext ctx, SakeConsole console)
    {
        var course = ctx.Random.Next(SakeSeedLayout.Courses);
        var time = SakeSeedLayout.CourseBaseMs(course) + ctx.Random.Next(SakeSeedLayout.TimeSpreadMs);
        var ghost = MkwSampleData.Ghost(course, time, console.Mii, SakeSeedLayout.GhostInputBytes);
        var result = await console.Sake.UploadGhostAsync(console.Region, course, time, (int)console.ProfileId, console.PlayerInfo, ghost,
            cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
        return result == SakeFileResult.Success
            ? Response.Ok(ghost.Length)
            : Response.Fail($"file-result-{(int)result}", $"ghostupload.aspx of {time} ms on course {course} answered {result}", ghost.Length);
    }

    private static bool IsGhost(byte[] body, int offset) =>
        body.Length >= offset + RkgdGhost.HeaderSize && body.AsSpan(offset, RkgdGhost.Magic.Length).SequenceEqual(RkgdGhost.Magic);
}
