using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.ConsoleEmulator.Nas;

/// <summary>
/// Talks to NAS over HTTP the way a Wii does after a DNS redirect: POST <c>/ac</c> with every value in
/// NWC base64 and <c>Host: naswii.nintendowifi.net</c>, reading the reply with the console's own rules.
/// Only loopback targets are allowed (<see cref="LoopbackGuard"/>).
/// </summary>
public sealed class NasClient : IDisposable
{
    /// <summary>The Host a Wii sends to NAS.</summary>
    public const string WiiHost = "naswii.nintendowifi.net";

    /// <summary>The Host of the console's connection test.</summary>
    public const string ConnTestHost = "conntest.nintendowifi.net";

    private readonly HttpClient _http;

    public NasClient(IPEndPoint target, string host = WiiHost)
    {
        LoopbackGuard.Require(target);
        Host = host;
        _http = new HttpClient { BaseAddress = new Uri($"http://{target}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The Host header sent with every request.</summary>
    public string Host { get; }

    /// <summary><c>acctcreate</c>: a new user id for the console.</summary>
    public Task<NasAnswer> AcctCreateAsync(EmulatedConsole console, CancellationToken cancellationToken = default) =>
        PostFormAsync("ac", console.AcctCreateFields(), cancellationToken);

    /// <summary><c>login</c>: a token and challenge for GPCM.</summary>
    public Task<NasAnswer> LoginAsync(EmulatedConsole console, CancellationToken cancellationToken = default) =>
        PostFormAsync("ac", console.LoginFields(), cancellationToken);

    /// <summary><c>svcloc</c> (or another spelling such as <c>SVCLOC</c>) for a service id.</summary>
    public Task<NasAnswer> SvcLocAsync(EmulatedConsole console, string service, string action = "svcloc", CancellationToken cancellationToken = default) =>
        PostFormAsync("ac", console.SvcLocFields(service, action), cancellationToken);

    /// <summary>
    /// What a console does on its first connection: <c>acctcreate</c> when it has no user id yet, then
    /// <c>login</c>. Returns the console with its user id and the login reply.
    /// </summary>
    public async Task<(EmulatedConsole Console, NasAnswer Login)> SignInAsync(EmulatedConsole console, CancellationToken cancellationToken = default)
    {
        if (console.UserId is null)
        {
            var created = await AcctCreateAsync(console, cancellationToken).ConfigureAwait(false);
            if (created.ReturnCode != "002" || !ulong.TryParse(created.Text("userid"), out var userId))
            {
                throw new InvalidOperationException($"acctcreate was refused: returncd {created.ReturnCode}");
            }

            console = console with { UserId = userId };
        }

        return (console, await LoginAsync(console, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Posts a form whose values are encoded in NWC base64, as consoles do.</summary>
    public Task<NasAnswer> PostFormAsync(string path, IEnumerable<KeyValuePair<string, byte[]>> fields, CancellationToken cancellationToken = default)
    {
        var body = new StringBuilder();
        foreach (var (key, value) in fields)
        {
            body.Append(body.Length == 0 ? "" : "&").Append(key).Append('=').Append(NwcBase64.Encode(value));
        }

        return PostRawAsync(path, Encoding.ASCII.GetBytes(body.ToString()), cancellationToken);
    }

    /// <summary>Posts any bytes (tests of bad input).</summary>
    public async Task<NasAnswer> PostRawAsync(string path, byte[] body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Headers.Host = Host;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A GET with a chosen Host (the connection test, the health page).</summary>
    public async Task<NasAnswer> GetAsync(string path, string host, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<NasAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var values = response.StatusCode == HttpStatusCode.OK && NasResponse.TryParseBody(body, out var parsed)
            ? parsed
            : new Dictionary<string, byte[]>();
        return new NasAnswer(response.StatusCode, values, body, headers);
    }
}
