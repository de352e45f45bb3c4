using System.Net;
using System.Net.Http.Headers;

namespace Wiimmfi.ConsoleEmulator.Sake;

/// <summary>
/// The HTTP side shared by the emulator's service clients (SAKE, RACE, GAMESTATS, DLS1): every request goes to a
/// loopback address but names the host a console would resolve (<c>mariokartwii.sake.gs.nintendowifi.net</c>…),
/// since the server routes its HTTP services by Host.
/// </summary>
public sealed class ServiceHttp : IDisposable
{
    private readonly HttpClient _client;

    /// <param name="server">The node's public HTTP listener (loopback only).</param>
    /// <param name="host">The Host header every request carries.</param>
    public ServiceHttp(IPEndPoint server, string host)
    {
        LoopbackGuard.Require(server);
        Host = host;
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://{server}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Host { get; }

    /// <summary>Sends a request with the Host header set; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        request.Headers.Host = Host;
        return _client.SendAsync(request, cancellationToken);
    }

    /// <summary>A POST of raw bytes with the given content type, sent exactly as given (no header validation).</summary>
    public static HttpRequestMessage Post(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    /// <summary>Status, headers and body of an answer.</summary>
    public static async Task<ServiceHttpAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new ServiceHttpAnswer(response.StatusCode, response.Headers, response.Content.Headers, body);
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>An HTTP answer as the emulator saw it.</summary>
public sealed record ServiceHttpAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, byte[] Body)
{
    /// <summary>The first value of a response header, or null.</summary>
    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) || ContentHeaders.TryGetValues(name, out values) ? values.FirstOrDefault() : null;
}
