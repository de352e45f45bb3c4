namespace Wiimmfi.Host.Modules.Nas;

/// <summary>What NAS answers one request with: an HTTP status and a body (a NAS reply body, or a short text for 400/404/500).</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">The body bytes.</param>
/// <param name="ContentType">Media type of the body.</param>
public sealed record NasReply(int StatusCode, byte[] Body, string ContentType = "text/plain")
{
    /// <summary>HTTP 400 with a one-line reason (a request NAS cannot read at all).</summary>
    public static NasReply BadRequest(string reason) => new(400, System.Text.Encoding.ASCII.GetBytes(reason + "\n"));

    /// <summary>HTTP 500: the store failed; the console retries.</summary>
    public static NasReply ServerError { get; } = new(500, "server error\n"u8.ToArray());
}
