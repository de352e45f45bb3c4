using System.Diagnostics.Metrics;
using System.Text;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// The matchmaking counters of one node, shared by the QR2 front-end, the tables and the server-browser
/// connections: plain totals for the management API (<see cref="Snapshot"/>) and the
/// <c>wiimmfi.matchmaking.events</c> instrument (meter <c>Wiimmfi.Matchmaking</c>, tag <c>event</c>) for metric
/// collectors. Incrementing is one interlocked add and allocates nothing.
/// </summary>
public sealed class MatchmakingMetrics
{
    private static readonly Meter MatchmakingMeter = new("Wiimmfi.Matchmaking");
    private static readonly Counter<long> EventsInstrument = MatchmakingMeter.CreateCounter<long>(
        "wiimmfi.matchmaking.events", description: "QR2 and server-browser events by kind");

    private static readonly MatchmakingCounter[] AllCounters = Enum.GetValues<MatchmakingCounter>();
    private static readonly string[] Names = BuildNames();
    private static readonly KeyValuePair<string, object?>[] Tags = BuildTags();

    private readonly long[] _totals = new long[Names.Length];

    /// <summary>Counts one occurrence.</summary>
    public void Increment(MatchmakingCounter counter) => Add(counter, 1);

    /// <summary>Counts <paramref name="amount"/> occurrences.</summary>
    public void Add(MatchmakingCounter counter, long amount)
    {
        int index = (int)counter;
        Interlocked.Add(ref _totals[index], amount);
        if (EventsInstrument.Enabled)
            EventsInstrument.Add(amount, Tags[index]);
    }

    /// <summary>The total of one counter.</summary>
    public long this[MatchmakingCounter counter] => Interlocked.Read(ref _totals[(int)counter]);

    /// <summary>Every counter by its label (<c>qr2_heartbeats_unchanged</c>…), for the management API.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var snapshot = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var counter in AllCounters)
            snapshot[Names[(int)counter]] = this[counter];
        return snapshot;
    }

    /// <summary>The label of a counter: its name in snake case.</summary>
    public static string LabelOf(MatchmakingCounter counter) => Names[(int)counter];

    private static string[] BuildNames()
    {
        int length = 0;
        foreach (var counter in AllCounters)
            length = Math.Max(length, (int)counter + 1);
        var names = new string[length];
        foreach (var counter in AllCounters)
            names[(int)counter] = SnakeCase(counter.ToString());
        return names;
    }

    private static KeyValuePair<string, object?>[] BuildTags()
    {
        var tags = new KeyValuePair<string, object?>[Names.Length];
        for (int i = 0; i < tags.Length; i++)
            tags[i] = new("event", Names[i]);
        return tags;
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0)
                text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
