using Wiimmfi.Host.Modules.Nas;

namespace Wiimmfi.Tests.Login;

public sealed class NasHostsTests
{
    [Theory]
    [InlineData("naswii.nintendowifi.net", true)]
    [InlineData("nas.nintendowifi.net", true)]
    [InlineData("NASWII.wiimmfi.example", true)]
    [InlineData("naswii.nintendowifi.net, naswii.nintendowifi.net", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("nas", false)]
    [InlineData("nasty.example", false)]
    [InlineData("mariokartwii.sake.gs.nintendowifi.net", false)]
    [InlineData("conntest.nintendowifi.net", false)]
    [InlineData(null, false)]
    public void NAS_answers_the_nas_and_naswii_hosts_of_any_domain_and_direct_addresses(string? host, bool isNas) =>
        Assert.Equal(isNas, NasHosts.IsNasHost(host));

    [Theory]
    [InlineData("conntest.nintendowifi.net", true)]
    [InlineData("conntest.wiimmfi.example", true)]
    [InlineData("naswii.nintendowifi.net", false)]
    [InlineData("127.0.0.1", false)]
    public void The_connection_test_answers_conntest_hosts_only(string host, bool isConnTest) =>
        Assert.Equal(isConnTest, NasHosts.IsConnTestHost(host));
}
