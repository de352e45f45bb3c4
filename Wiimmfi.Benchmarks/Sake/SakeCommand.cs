using System.Globalization;
using Wiimmfi.Actors.Storage;
using Wiimmfi.LoadTest.Scenarios.Sake;
using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.Benchmarks.Sake;

/// <summary>
/// <c>Wiimmfi.Benchmarks sake &lt;verb&gt;</c>, the database side of the SAKE figures (the load side is
/// <c>wiimmfi-load run --scenario sake-search|sake-mix</c>; <c>Sake/sake-figures.sh</c> runs it all):
/// <list type="bullet">
/// <item><c>seed</c> — migrate the store, write the seed layout in bulk, check it through the store's own API;</item>
/// <item><c>explain</c> — print the query plans of the scenarios' statements;</item>
/// <item><c>costs</c> — time the parts of a search in process (parse, ticket, store, writer);</item>
/// <item><c>summary</c> — fold the reports of repeated runs into one markdown table.</item>
/// </list>
/// The store is <c>--sqlite &lt;file&gt;</c> or <c>--postgres &lt;connection string&gt;</c>; <c>--records</c> and
/// <c>--ghost-players</c> change the layout (default: the standard 100,000 + 3,125 × 32, which the scenarios expect).
/// </summary>
internal static class SakeCommand
{
    public const string Usage =
        "usage: Wiimmfi.Benchmarks sake (seed|explain|costs) (--sqlite <file> | --postgres <connection string>) [--records N] [--ghost-players N]\n" +
        "       Wiimmfi.Benchmarks sake summary --title <title> <report folder>...";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (args.Length >= 3 && args[0] == "summary" && args[1] == "--title")
        {
            return await SakeSummary.WriteAsync(args[2], args[3..], output).ConfigureAwait(false);
        }
        StoreOptions? options = null;
        var layout = SakeSeedLayout.Standard;
        string? verb = null;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--sqlite":
                        options = StoreOptions.ForSqliteFile(Value(args, ++i));
                        break;
                    case "--postgres":
                        options = StoreOptions.ForPostgres(Value(args, ++i));
                        break;
                    case "--records":
                        layout = layout with { FriendInfoRecords = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) };
                        break;
                    case "--ghost-players":
                        layout = layout with { GhostPlayers = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) };
                        break;
                    case "seed" or "explain" or "costs" when verb is null:
                        verb = args[i];
                        break;
                    default:
                        throw new ArgumentException($"unknown argument '{args[i]}'");
                }
            }
            if (verb is null || options is null) throw new ArgumentException("name a verb and a store");
            layout.Validate();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            await error.WriteLineAsync($"{e.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        if (verb == "costs")
        {
            await SakeCosts.WriteAsync(options, layout, output, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        if (verb == "explain")
        {
            await SakeQueryPlans.WriteAsync(options, layout, output, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        var migration = await SchemaMigrator.MigrateAsync(options, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"schema: {migration}").ConfigureAwait(false);
        var report = await SakeSeeder.SeedAsync(options, layout, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"seeded {report.FriendInfoRecords:N0} FriendInfo records and {report.Ghosts:N0} ghosts ({report.GhostBytes / 1e6:0.0} MB of ghost files) " +
            $"in {report.Elapsed.TotalSeconds:0.0} s ({(report.FriendInfoRecords + report.Ghosts) / report.Elapsed.TotalSeconds:N0} rows/s)")).ConfigureAwait(false);
        var problem = await CheckAsync(options, layout, cancellationToken).ConfigureAwait(false);
        await (problem is null ? output : error).WriteLineAsync(problem ?? "check: the store's own reads find the seed as laid out").ConfigureAwait(false);
        return problem is null ? 0 : 1;
    }

    /// <summary>Reads the seed back through the store's API (what the SAKE service calls); null when all agrees.</summary>
    private static async Task<string?> CheckAsync(StoreOptions options, SakeSeedLayout layout, CancellationToken cancellationToken)
    {
        await using var store = WiimmfiStore.Create(options);
        var times = layout.Times();
        foreach (var course in new[] { 0, 13, SakeSeedLayout.Courses - 1 })
        {
            var below = SakeSeedLayout.CourseBaseMs(course) + SakeSeedLayout.TimeSpreadMs / 3;
            var rival = await store.Race.FindRivalGhostAsync(course, below, null, cancellationToken).ConfigureAwait(false);
            if (rival is null || rival.TimeMs != times.LargestBelow(course, below))
            {
                return $"check: the rival below {below} ms on course {course} is {rival?.TimeMs} ms, the layout says {times.LargestBelow(course, below)}";
            }
            if (RkgdGhost.Validate(rival.Content, course, rival.TimeMs) != RkgdProblem.None)
            {
                return $"check: the seeded ghost file {rival.FileId} is not a valid ghost";
            }
            var fastest = await store.Race.FindFastestGhostAsync(course, 0, cancellationToken).ConfigureAwait(false);
            if (fastest?.TimeMs != times.Fastest(course))
            {
                return $"check: the fastest ghost on course {course} is {fastest?.TimeMs} ms, the layout says {times.Fastest(course)}";
            }
        }
        uint[] owners = [SakeSeedLayout.ProfileId(0), SakeSeedLayout.ProfileId(layout.FriendInfoRecords - 1)];
        var page = await store.Sake.SearchAsync(new SakeRecordQuery(MkwFacts.GameId, "FriendInfo") { OwnerIds = owners }, cancellationToken).ConfigureAwait(false);
        if (page.Records.Count != owners.Length || !page.Records[0].Fields["info"].GetBytes().AsSpan().SequenceEqual(SakeSeedLayout.FriendInfo(0)))
        {
            return $"check: the FriendInfo records of the first and last seeded profiles came back as {page.Records.Count} records";
        }
        return null;
    }

    private static string Value(string[] args, int index) =>
        index < args.Length ? args[index] : throw new ArgumentException($"{args[index - 1]} needs a value");
}
