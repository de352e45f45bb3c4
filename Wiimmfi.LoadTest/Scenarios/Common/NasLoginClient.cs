using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.LoadTest.Scenarios.Common;

/// <summary>
/// NAS for many emulated consoles at once: <c>POST /ac</c> with the form a Wii sends (built by the emulator's
/// <see cref="EmulatedConsole"/>, values in NWC base64, <c>Host: naswii.nintendowifi.net</c>), read with the
/// console's rules (<see cref="NasResponse.TryParseBody"/>). One pooled HTTP client serves every console of a
/// scenario: its keep-alive connections are spread over the run's source addresses as they open.
/// </summary>
/// <remarks>
/// Why not the emulator's <see cref="NasClient"/>: it owns an <see cref="HttpClient"/> per instance, which for
/// thousands of consoles means thousands of connection pools, and it cannot bind a source address. A real console
/// opens a fresh TLS connection per login; here connections are reused (plain HTTP, keep-alive), so the figures
/// are for the server's request handling, not for connection set-up.
/// </remarks>
public sealed class NasLoginClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _ac;
    private readonly IReadOnlyList<IPAddress> _sources;
    private int _nextSource;

    public NasLoginClient(IPEndPoint nas, IReadOnlyList<IPAddress> sourceAddresses)
    {
        LoopbackAddresses.Require(nas);
        _sources = sourceAddresses;
        _ac = new Uri($"http://{nas}/ac");
        _http = new HttpClient(new SocketsHttpHandler
        {
            // No proxy (an environment proxy would carry the traffic elsewhere), no redirects (they could name
            // another host); timeouts come from the step's token.
            UseProxy = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = ConnectAsync,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary><c>acctcreate</c>: the console's new user id (returncd 002).</summary>
    public async Task<NasResult> AcctCreateAsync(EmulatedConsole console, CancellationToken cancellationToken)
    {
        var result = await PostAsync(console.AcctCreateFields(), "002", cancellationToken).ConfigureAwait(false);
        if (!result.IsOk) return result;
        return ulong.TryParse(result.Text("userid"), NumberStyles.None, CultureInfo.InvariantCulture, out var userId) && userId > 0
            ? result with { UserId = userId }
            : result with { ErrorKind = "nas-bad-reply", Message = "acctcreate answered without a user id" };
    }

    /// <summary><c>login</c>: a token and challenge for GPCM (returncd 001, or 040 for a name on the word list).</summary>
    public async Task<NasResult> LoginAsync(EmulatedConsole console, CancellationToken cancellationToken)
    {
        var result = await PostAsync(console.LoginFields(), "001", cancellationToken).ConfigureAwait(false);
        if (!result.IsOk && result.ReturnCode == "040") result = result with { ErrorKind = null, Message = null };
        if (!result.IsOk) return result;
        return result.Text("token") is { Length: > 0 } && result.Text("challenge") is { Length: > 0 }
            ? result
            : result with { ErrorKind = "nas-bad-reply", Message = "login answered without a token or challenge" };
    }

    public void Dispose() => _http.Dispose();

    private async Task<NasResult> PostAsync(IEnumerable<KeyValuePair<string, byte[]>> fields, string expectedCode, CancellationToken cancellationToken)
    {
        var body = new StringBuilder(512);
        foreach (var (key, value) in fields)
            body.Append(body.Length == 0 ? "" : "&").Append(key).Append('=').Append(NwcBase64.Encode(value));
        var bytes = Encoding.ASCII.GetBytes(body.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, _ac) { Content = new ByteArrayContent(bytes) };
        request.Headers.Host = NasClient.WiiHost;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var reply = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            return new NasResult(null, $"http-{(int)response.StatusCode}", response.ReasonPhrase, bytes.Length, reply.Length);
        if (!NasResponse.TryParseBody(reply, out var values))
            return new NasResult(null, "nas-bad-reply", "the body is not a NAS reply", bytes.Length, reply.Length);
        var result = new NasResult(values, null, null, bytes.Length, reply.Length);
        var code = result.ReturnCode;
        return code == expectedCode ? result : result with { ErrorKind = "nas-returncd-" + (code ?? "none"), Message = $"NAS answered returncd {code ?? "(none)"}, expected {expectedCode}" };
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var target = new IPEndPoint(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port);
        var source = _sources.Count == 0 ? null : _sources[(int)((uint)Interlocked.Increment(ref _nextSource) % (uint)_sources.Count)];
        var socket = await LoadSockets.ConnectTcpAsync(target, source, cancellationToken).ConfigureAwait(false);
        return new NetworkStream(socket, ownsSocket: true);
    }
}

/// <summary>What NAS answered: the decoded values (null when the body was not a NAS reply), a failure kind, the bytes each way.</summary>
public sealed record NasResult(IReadOnlyDictionary<string, byte[]>? Values, string? ErrorKind, string? Message, long BytesOut, long BytesIn)
{
    public bool IsOk => ErrorKind is null;

    /// <summary>The user id acctcreate handed out.</summary>
    public ulong UserId { get; init; }

    public string? ReturnCode => Text("returncd");

    public string? Token => Text("token");

    public string? Challenge => Text("challenge");

    public string? Text(string key) => Values is not null && Values.TryGetValue(key, out var value) ? Encoding.Latin1.GetString(value) : null;
}
