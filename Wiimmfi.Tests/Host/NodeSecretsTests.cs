using Wiimmfi.Actors.Security;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Host;

public sealed class NodeSecretsTests
{
    [Fact]
    public async Task A_generated_node_secret_survives_a_restart_so_issued_tickets_stay_valid()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-secret-" + Guid.NewGuid().ToString("N"));
        byte[] first;
        await using (var node = await TestNode.StartAsync(folder: folder, keepFolder: true))
            first = node.Node.Context.Services.Get<NodeSecrets>().DeriveKey("test");
        await using (var node = await TestNode.StartAsync(folder: folder))
            Assert.Equal(first, node.Node.Context.Services.Get<NodeSecrets>().DeriveKey("test"));
    }

    [Fact]
    public async Task Nodes_given_the_same_key_derive_the_same_keys()
    {
        const string key = "a shared cluster secret of some length";
        await using var a = await TestNode.StartAsync(o => o with { Secrets = new SecretsOptions { NodeKey = key } });
        await using var b = await TestNode.StartAsync(o => o with { Secrets = new SecretsOptions { NodeKey = key } });
        Assert.Equal(a.Node.Context.Services.Get<NodeSecrets>().DeriveKey("gpcm-login-ticket"),
            b.Node.Context.Services.Get<NodeSecrets>().DeriveKey("gpcm-login-ticket"));
        Assert.NotEqual(a.Node.Context.Services.Get<NodeSecrets>().DeriveKey("gpcm-login-ticket"),
            a.Node.Context.Services.Get<NodeSecrets>().DeriveKey("another-purpose"));
    }

    [Fact]
    public async Task A_short_configured_key_stops_start_up()
    {
        var error = await Assert.ThrowsAsync<Wiimmfi.Host.Node.NodeStartupException>(() =>
            TestNode.StartAsync(o => o with { Secrets = new SecretsOptions { NodeKey = "short" } }));
        Assert.Contains("wiimmfi.secrets.node-key", error.Message);
    }
}
