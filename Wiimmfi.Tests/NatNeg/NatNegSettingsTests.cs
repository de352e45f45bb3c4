using System.Net;
using System.Net.Sockets;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Modules;
using Wiimmfi.Host.Node;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>The <c>wiimmfi.natneg</c> settings an operator can get wrong, and what start-up says about them.</summary>
public sealed class NatNegSettingsTests
{
    private static IReadOnlyList<string> Problems(params string[] settings)
    {
        var args = settings.SelectMany(setting => new[] { "--set", setting }).ToArray();
        return NodeConfiguration.BindOptions(NodeConfiguration.Build(args, new Dictionary<string, string?>())).Validate();
    }

    [Fact]
    public void The_shipped_defaults_are_valid_and_match_Wiimmfi()
    {
        var natneg = NodeConfiguration.BindOptions(NodeConfiguration.Build([], new Dictionary<string, string?>())).NatNeg;

        Assert.Empty(Problems());
        Assert.Equal((27901, 20.0, 30.0, 10_000, 500),
            (natneg.Port, natneg.ReplyDelay.TotalMilliseconds, natneg.SessionTimeout.TotalSeconds, natneg.MaxOpenNegotiations, natneg.ReplyQueueCapacity));
    }

    [Theory]
    [InlineData("wiimmfi.natneg.reply-delay=2s", "reply-delay")]
    [InlineData("wiimmfi.natneg.session-timeout=0s", "session-timeout")]
    [InlineData("wiimmfi.natneg.max-open-negotiations=0", "max-open-negotiations")]
    [InlineData("wiimmfi.natneg.reply-queue-capacity=0", "reply-queue-capacity")]
    [InlineData("wiimmfi.natneg.secondary-endpoints.0=natneg2.example:27901", "secondary-endpoints")]
    [InlineData("wiimmfi.natneg.secondary-endpoints.0=10.0.0.2", "secondary-endpoints")]
    public void A_value_that_cannot_work_is_refused_naming_its_setting(string setting, string named)
    {
        var problem = Assert.Single(Problems(setting));
        Assert.Contains($"wiimmfi.natneg.{named}", problem);
    }

    [Fact]
    public async Task A_NATNEG_port_in_use_stops_start_up_with_the_setting_to_change()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.90"), 0));
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var error = await Assert.ThrowsAsync<NodeStartupException>(() => TestNode.StartAsync(
            o => o with { NatNeg = o.NatNeg with { SecondaryEndpoints = [$"127.0.0.90:{port}"] } }, modules: [new NatNegModule()]));

        Assert.Contains("natneg2", error.Message);
        Assert.Contains("wiimmfi.natneg.secondary-endpoints", error.Message);
    }

    [Fact]
    public void NATNEG_is_part_of_every_node()
    {
        Assert.Contains(NodeModules.All(), m => m is NatNegModule);
    }
}
