namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// What a step reports: OK or failed (with an error kind such as <c>timeout</c>, <c>gpcm-error-260</c> or
/// <c>socket:ConnectionRefused</c>, counted per kind in the report), and the bytes it sent and received.
/// A struct so the per-request path allocates nothing.
/// </summary>
public readonly record struct Response
{
    private Response(bool isOk, string? errorKind, string? message, long bytesOut, long bytesIn)
    {
        IsOk = isOk;
        ErrorKind = errorKind;
        Message = message;
        BytesOut = bytesOut;
        BytesIn = bytesIn;
    }

    public bool IsOk { get; }

    /// <summary>Null when OK; a short, stable name when failed (the report groups failures by it).</summary>
    public string? ErrorKind { get; }

    /// <summary>Optional detail; the report keeps the first message seen for each kind as an example.</summary>
    public string? Message { get; }

    /// <summary>Bytes this step sent to the server.</summary>
    public long BytesOut { get; }

    /// <summary>Bytes this step received from the server.</summary>
    public long BytesIn { get; }

    public static Response Ok(long bytesOut = 0, long bytesIn = 0) => new(true, null, null, bytesOut, bytesIn);

    public static Response Fail(string kind, string? message = null, long bytesOut = 0, long bytesIn = 0) =>
        new(false, string.IsNullOrWhiteSpace(kind) ? "unknown" : kind, message, bytesOut, bytesIn);
}
