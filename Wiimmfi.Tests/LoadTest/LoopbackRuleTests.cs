using System.Net;
using Wiimmfi.LoadTest.Cli;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.Tests.LoadTest;

public class LoopbackRuleTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("127.255.255.254")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("localhost")]
    public void A_loopback_target_is_accepted(string address) =>
        Assert.True(LoopbackAddresses.IsLoopback(LoadTarget.Parse(address).Address));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.1.10")]
    [InlineData("8.8.8.8")]
    [InlineData("128.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("example.com")]
    [InlineData("localhost.example.com")]
    [InlineData("")]
    public void A_target_outside_this_machine_is_refused(string address)
    {
        var e = Assert.Throws<NonLoopbackTargetException>(() => LoadTarget.Parse(address));
        Assert.Contains("only targets 127.0.0.0/8 or ::1", e.Message);
    }

    [Fact]
    public void A_non_loopback_source_address_is_refused()
    {
        Assert.Throws<NonLoopbackTargetException>(() => new LoadTarget(IPAddress.Loopback, sourceAddresses: [IPAddress.Parse("192.168.0.2")]));
        Assert.Throws<NonLoopbackTargetException>(() => LoadSpec.ParseSourceAddresses(["127.0.0.2,10.0.0.2"]));
        Assert.Throws<NonLoopbackTargetException>(() => LoadSpec.ParseSourceAddresses(["126.255.255.255-127.0.0.1"]));
    }

    [Fact]
    public void Source_address_ranges_expand_across_octets()
    {
        var addresses = LoadSpec.ParseSourceAddresses(["127.0.0.254-127.0.1.1", "127.0.0.9"]);

        Assert.Equal(["127.0.0.254", "127.0.0.255", "127.0.1.0", "127.0.1.1", "127.0.0.9"], addresses.Select(a => a.ToString()));
    }

    [Fact]
    public void Named_ports_are_read_and_bad_ones_refused()
    {
        var ports = LoadSpec.ParsePorts(["gpcm=29900,management=8558", "gpsp=29901"]);

        Assert.Equal(29900, ports["gpcm"]);
        Assert.Equal(8558, ports["MANAGEMENT"]);
        Assert.Equal(29901, ports["gpsp"]);
        Assert.Throws<FormatException>(() => LoadSpec.ParsePorts(["gpcm=70000"]));
        Assert.Throws<FormatException>(() => LoadSpec.ParsePorts(["29900"]));
    }

    [Fact]
    public async Task A_run_against_a_non_loopback_target_is_refused_before_anything_starts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-load-" + Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await Wiimmfi.LoadTest.Cli.LoadCli.RunAsync(
            ["run", "--scenario", "health", "--target", "192.0.2.7", "--ports", "management=8558", "--report-folder", folder],
            output, error);

        Assert.Equal(Wiimmfi.LoadTest.Cli.LoadCli.UsageError, exit);
        Assert.Contains("refused: '192.0.2.7' is not a loopback address", error.ToString());
        Assert.DoesNotContain("running", output.ToString()); // no scenario was prepared, no user started
        Assert.False(Directory.Exists(folder));
    }
}
