using Wiimmfi.LoadTest.Engine;

namespace Wiimmfi.LoadTest.Stats;

/// <summary>
/// The numbers one thread has recorded for one step: latency of OK and of failed requests, bytes, and failures by
/// kind. Written only by its own thread while the run goes on; read after the run (the engine merges the cells).
/// </summary>
internal sealed class StatsCell
{
    /// <summary>
    /// Distinct error kinds kept per cell. A step that puts variable text into its kind (an id, a message) would
    /// otherwise grow this table without end; kinds past the cap are counted as <see cref="OtherKind"/>.
    /// </summary>
    public const int MaxErrorKinds = 64;

    /// <summary>Longest error kind kept; longer ones are cut (a kind is a name, not a message).</summary>
    public const int MaxKindLength = 80;

    /// <summary>Longest example message kept per kind.</summary>
    public const int MaxMessageLength = 200;

    public const string OtherKind = "other";

    public LatencyHistogram Ok { get; } = new();

    /// <summary>Created on the first failure: most steps never fail, and a histogram is 24 KiB.</summary>
    public LatencyHistogram? Failed { get; private set; }

    public long BytesIn { get; private set; }

    public long BytesOut { get; private set; }

    public Dictionary<string, ErrorTally> Errors { get; } = new(StringComparer.Ordinal);

    public void Record(in Response response, long elapsedTicks)
    {
        BytesIn += response.BytesIn;
        BytesOut += response.BytesOut;
        if (response.IsOk)
        {
            Ok.Record(elapsedTicks);
            return;
        }
        (Failed ??= new LatencyHistogram()).Record(elapsedTicks);
        var kind = response.ErrorKind ?? "unknown";
        if (kind.Length > MaxKindLength) kind = kind[..MaxKindLength];
        if (!Errors.TryGetValue(kind, out var tally))
        {
            if (Errors.Count >= MaxErrorKinds) kind = OtherKind;
            if (!Errors.TryGetValue(kind, out tally))
            {
                var message = response.Message;
                if (message is { Length: > MaxMessageLength }) message = message[..MaxMessageLength];
                tally = new ErrorTally(message);
                Errors[kind] = tally;
            }
        }
        tally.Count++;
    }
}

/// <summary>How often one error kind happened, with the first message seen as an example.</summary>
internal sealed class ErrorTally(string? example)
{
    public long Count { get; set; }

    public string? Example { get; } = example;
}
