using System.Diagnostics.Metrics;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// The NATNEG counters of one node: plain properties for the management API (<c>GET /natneg</c>) and the
/// same numbers as System.Diagnostics.Metrics instruments (meter <c>Wiimmfi.NatNeg</c>) for exporters.
/// Thread-safe and allocation-free per increment: front-ends and entities on any thread count here.
/// </summary>
public sealed class NatNegMetrics
{
    public const string MeterName = "Wiimmfi.NatNeg";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> StartedInstrument = Meter.CreateCounter<long>("wiimmfi.natneg.negotiations_started");
    private static readonly Counter<long> CompletedInstrument = Meter.CreateCounter<long>("wiimmfi.natneg.negotiations_completed");
    private static readonly Counter<long> TimedOutInstrument = Meter.CreateCounter<long>("wiimmfi.natneg.negotiations_timed_out");
    private static readonly Counter<long> RejectedInstrument = Meter.CreateCounter<long>("wiimmfi.natneg.negotiations_rejected");
    private static readonly UpDownCounter<long> OpenInstrument = Meter.CreateUpDownCounter<long>("wiimmfi.natneg.negotiations_open");
    private static readonly Counter<long> MalformedInstrument = Meter.CreateCounter<long>("wiimmfi.natneg.packets_malformed");
    private static readonly Counter<long> IgnoredInstrument = Meter.CreateCounter<long>("wiimmfi.natneg.packets_ignored");
    private static readonly Counter<long> ReportsInstrument = Meter.CreateCounter<long>("wiimmfi.natneg.reports");
    private static readonly Counter<long> NatProbesInstrument = Meter.CreateCounter<long>("wiimmfi.natneg.nat_probes");
    private static readonly Counter<long> RepliesDelayedInstrument = Meter.CreateCounter<long>("wiimmfi.natneg.replies_delayed");
    private static readonly Counter<long> RepliesSentEarlyInstrument = Meter.CreateCounter<long>("wiimmfi.natneg.replies_sent_early");

    // Tags built once, so counting never boxes or allocates.
    private static readonly KeyValuePair<string, object?>[] MalformedTags = Tags<NatNegRejectReason>("reason");
    private static readonly KeyValuePair<string, object?>[] IgnoredTags = Tags<NatNegIgnoredReason>("reason");
    private static readonly KeyValuePair<string, object?> Succeeded = new("result", "success");
    private static readonly KeyValuePair<string, object?> Failed = new("result", "failure");
    private static readonly KeyValuePair<string, object?> AddressCheckTag = new("probe", "address_check");
    private static readonly KeyValuePair<string, object?> NatifyAnsweredTag = new("probe", "natify_answered");
    private static readonly KeyValuePair<string, object?> NatifyUnansweredTag = new("probe", "natify_unanswerable");
    private static readonly KeyValuePair<string, object?> ErtAckTag = new("probe", "ert_ack");

    private readonly long[] _malformed = new long[MalformedTags.Length];
    private readonly long[] _ignored = new long[IgnoredTags.Length];
    private long _started;
    private long _completed;
    private long _timedOut;
    private long _rejected;
    private long _recovered;
    private long _reportsSucceeded;
    private long _reportsFailed;
    private long _addressChecks;
    private long _natifyAnswered;
    private long _natifyUnanswerable;
    private long _ertAcks;
    private long _backupTests;
    private long _repliesDelayed;
    private long _repliesSentEarly;

    /// <summary>Negotiations opened (first INIT or PREINIT of a cookie, with a free slot).</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Negotiations in which both consoles acknowledged their CONNECT.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Negotiations that reached the session timeout unpaired or unacknowledged.</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    /// <summary>Open negotiations that came back from the journal (after a restart, a crash or a smart restart).</summary>
    public long Recovered => Interlocked.Read(ref _recovered);

    /// <summary>New cookies refused because <c>max-open-negotiations</c> were open.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public long ReportsSucceeded => Interlocked.Read(ref _reportsSucceeded);
    public long ReportsFailed => Interlocked.Read(ref _reportsFailed);

    /// <summary>ADDRESS_CHECKs answered with ADDRESS_REPLY.</summary>
    public long AddressChecks => Interlocked.Read(ref _addressChecks);

    /// <summary>NATIFY_REQUESTs answered with an ERTTEST.</summary>
    public long NatifyAnswered => Interlocked.Read(ref _natifyAnswered);

    /// <summary>NATIFY_REQUESTs no configured socket could answer truthfully (left unanswered: the console assumes the stricter NAT).</summary>
    public long NatifyUnanswerable => Interlocked.Read(ref _natifyUnanswerable);

    /// <summary>ERTACKs: a console's echo of an ERTTEST that reached it.</summary>
    public long ErtAcks => Interlocked.Read(ref _ertAcks);

    public long BackupTests => Interlocked.Read(ref _backupTests);

    /// <summary>Replies that went through a reply queue.</summary>
    public long RepliesDelayed => Interlocked.Read(ref _repliesDelayed);

    /// <summary>Queued replies sent before their delay because a queue was full.</summary>
    public long RepliesSentEarly => Interlocked.Read(ref _repliesSentEarly);

    /// <summary>Datagrams the parser refused (bad magic, version, length…), by reason; reasons never seen are left out.</summary>
    public IReadOnlyDictionary<string, long> MalformedByReason => ByReason<NatNegRejectReason>(_malformed);

    /// <summary>Well-formed packets dropped without effect, by reason; reasons never seen are left out.</summary>
    public IReadOnlyDictionary<string, long> IgnoredByReason => ByReason<NatNegIgnoredReason>(_ignored);

    public long MalformedTotal => Sum(_malformed);
    public long IgnoredTotal => Sum(_ignored);

    public long MalformedCount(NatNegRejectReason reason) => Interlocked.Read(ref _malformed[(int)reason]);
    public long IgnoredCount(NatNegIgnoredReason reason) => Interlocked.Read(ref _ignored[(int)reason]);

    internal void NegotiationStarted()
    {
        Interlocked.Increment(ref _started);
        StartedInstrument.Add(1);
        OpenInstrument.Add(1);
    }

    /// <summary>An open negotiation's entity stopped (slot returned), whatever the reason.</summary>
    internal void NegotiationEnded() => OpenInstrument.Add(-1);

    internal void NegotiationCompleted()
    {
        Interlocked.Increment(ref _completed);
        CompletedInstrument.Add(1);
    }

    internal void NegotiationTimedOut()
    {
        Interlocked.Increment(ref _timedOut);
        TimedOutInstrument.Add(1);
    }

    internal void NegotiationRecovered() => Interlocked.Increment(ref _recovered);

    internal void NegotiationRejected()
    {
        Interlocked.Increment(ref _rejected);
        RejectedInstrument.Add(1);
    }

    internal void ReportReceived(bool succeeded)
    {
        Interlocked.Increment(ref succeeded ? ref _reportsSucceeded : ref _reportsFailed);
        ReportsInstrument.Add(1, succeeded ? Succeeded : Failed);
    }

    internal void Malformed(NatNegRejectReason reason)
    {
        var index = (int)reason;
        if ((uint)index >= (uint)_malformed.Length) return;
        Interlocked.Increment(ref _malformed[index]);
        MalformedInstrument.Add(1, MalformedTags[index]);
    }

    internal void Ignored(NatNegIgnoredReason reason)
    {
        var index = (int)reason;
        if ((uint)index >= (uint)_ignored.Length) return;
        Interlocked.Increment(ref _ignored[index]);
        IgnoredInstrument.Add(1, IgnoredTags[index]);
    }

    internal void AddressCheckAnswered()
    {
        Interlocked.Increment(ref _addressChecks);
        NatProbesInstrument.Add(1, AddressCheckTag);
    }

    internal void NatifyAnsweredOnce()
    {
        Interlocked.Increment(ref _natifyAnswered);
        NatProbesInstrument.Add(1, NatifyAnsweredTag);
    }

    internal void NatifyLeftUnanswered()
    {
        Interlocked.Increment(ref _natifyUnanswerable);
        NatProbesInstrument.Add(1, NatifyUnansweredTag);
    }

    internal void ErtAckReceived()
    {
        Interlocked.Increment(ref _ertAcks);
        NatProbesInstrument.Add(1, ErtAckTag);
    }

    internal void BackupTestAnswered() => Interlocked.Increment(ref _backupTests);

    internal void ReplyDelayed()
    {
        Interlocked.Increment(ref _repliesDelayed);
        RepliesDelayedInstrument.Add(1);
    }

    internal void ReplySentEarly()
    {
        Interlocked.Increment(ref _repliesSentEarly);
        RepliesSentEarlyInstrument.Add(1);
    }

    private static KeyValuePair<string, object?>[] Tags<TEnum>(string key) where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var tags = new KeyValuePair<string, object?>[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        for (var i = 0; i < tags.Length; i++) tags[i] = new(key, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var value in values) tags[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = new(key, Label(value.ToString()));
        return tags;
    }

    private static IReadOnlyDictionary<string, long> ByReason<TEnum>(long[] counts) where TEnum : struct, Enum
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var count = Interlocked.Read(ref counts[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)]);
            if (count > 0) result[Label(value.ToString())] = count;
        }
        return result;
    }

    private static long Sum(long[] counts)
    {
        long total = 0;
        for (var i = 0; i < counts.Length; i++) total += Interlocked.Read(ref counts[i]);
        return total;
    }

    // "BadMagic" → "bad_magic", the usual metrics label style.
    private static string Label(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0) builder.Append('_');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
