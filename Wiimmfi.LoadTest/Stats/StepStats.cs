namespace Wiimmfi.LoadTest.Stats;

/// <summary>The merged numbers of one recorder, ready to be turned into a report line.</summary>
public sealed record StepStats(
    string Name,
    StepKind Kind,
    LatencyHistogram Ok,
    LatencyHistogram Failed,
    long BytesIn,
    long BytesOut,
    IReadOnlyDictionary<string, (long Count, string? Example)> Errors)
{
    public long OkCount => Ok.Count;

    public long FailedCount => Failed.Count;

    public long Requests => Ok.Count + Failed.Count;
}
