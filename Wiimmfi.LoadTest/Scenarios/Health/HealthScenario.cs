using System.Net;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Health;

/// <summary>
/// <c>health</c>: <c>GET /health/alive</c> on a node's management port, the simplest request a node answers. It
/// checks a node is reachable under load and measures the HTTP path with nothing behind it.
/// Bytes are the response body (headers are not counted: HttpClient does not expose their size).
/// </summary>
public sealed class HealthScenario : ILoadScenario
{
    public const string ScenarioName = "health";
    public const string PortName = "management";
    public const string StepName = "alive";
    public const int DefaultManagementPort = 8558;

    public string Name => ScenarioName;

    public string Description => "GET /health/alive on the node's management port (--ports management=<port>, default 8558).";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int> { [PortName] = DefaultManagementPort };

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken)
    {
        var endpoint = target.Endpoint(PortName, DefaultManagementPort);
        var client = CreateClient();
        return ValueTask.FromResult(new PreparedScenario(Create(client, endpoint), new ClientResource(client)));
    }

    /// <summary>
    /// An HTTP client that cannot leave loopback: no proxy (an environment proxy would carry the traffic elsewhere)
    /// and no redirects (a redirect could name another host). Timeouts come from the step's token.
    /// </summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = int.MaxValue,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static Scenario Create(HttpClient client, IPEndPoint management)
    {
        LoopbackAddresses.Require(management);
        var uri = new Uri($"http://{management}/health/alive");
        return Scenario.Create(ScenarioName, Step.Create(StepName, async ctx =>
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK
                ? Response.Ok(bytesIn: body.Length)
                : Response.Fail($"http-{(int)response.StatusCode}", response.ReasonPhrase, bytesIn: body.Length);
        }));
    }

    private sealed class ClientResource(HttpClient client) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
