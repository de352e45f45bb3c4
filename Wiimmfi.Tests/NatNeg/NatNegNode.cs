using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Modules;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>
/// A node running only NATNEG, with up to three sockets on the given loopback addresses (the whole 127/8 is
/// loopback on Linux, so 127.0.0.2 is a real second address) and free ports.
/// </summary>
internal sealed class NatNegNode : IAsyncDisposable
{
    private NatNegNode(TestNode node)
    {
        Node = node;
        var natneg1 = node.Endpoint("natneg");
        Servers = new NatNegServerAddresses(natneg1,
            node.Node.Endpoints.TryGet("natneg2", out var n2) ? n2 : natneg1,
            node.Node.Endpoints.TryGet("natneg3", out var n3) ? n3 : natneg1);
    }

    public TestNode Node { get; }

    /// <summary>Where the emulated consoles' natneg1/2/3 names lead.</summary>
    public NatNegServerAddresses Servers { get; }

    public NatNegServices NatNeg => Node.Node.Context.Services.Get<NatNegServices>();

    public NatNegMetrics Metrics => NatNeg.Metrics;

    public static async Task<NatNegNode> StartAsync(Func<NatNegOptions, NatNegOptions>? configure = null, params string[] addresses)
    {
        if (addresses.Length == 0) addresses = ["127.0.0.1"];
        var node = await TestNode.StartAsync(options =>
        {
            var natneg = options.NatNeg with
            {
                Bind = addresses[0],
                Port = 0,
                SecondaryEndpoints = [.. addresses.Skip(1).Select(a => $"{a}:0")],
            };
            return options with { NatNeg = configure is null ? natneg : configure(natneg) };
        }, modules: [new PersistenceModule(), new NatNegModule()]); // negotiations are persistent entities
        return new NatNegNode(node);
    }

    /// <summary>Entities alive in the <c>natneg</c> region, as the management API reports them.</summary>
    public async Task<int> LiveNegotiationEntitiesAsync()
    {
        using var response = await Node.Management.GetAsync("cluster/shards/natneg");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("totalEntities").GetInt32();
    }

    public async Task<JsonElement> ReportAsync()
    {
        var json = await Node.Management.GetFromJsonAsync<JsonElement>("natneg");
        return json;
    }

    /// <summary>Waits until no negotiation holds a slot and the region has no entity left.</summary>
    public async Task AwaitAllClosedAsync()
    {
        await Awaiting.ConditionAsync(() => NatNeg.Capacity.Open == 0, message: $"{NatNeg.Capacity.Open} negotiations still open");
        await Awaiting.AssertAsync(() => Assert.Equal(0, LiveNegotiationEntitiesAsync().GetAwaiter().GetResult()));
    }

    public static uint NewCookie() => (uint)Random.Shared.NextInt64(1_000, uint.MaxValue);

    public static IPAddress Ip(string text) => IPAddress.Parse(text);

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
