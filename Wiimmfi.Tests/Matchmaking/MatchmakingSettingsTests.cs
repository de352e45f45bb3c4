using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Modules;
using Wiimmfi.Host.Node;
using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.Tests.Matchmaking;

/// <summary>The <c>wiimmfi.master</c> and <c>wiimmfi.ms</c> settings as an operator writes them.</summary>
public sealed class MatchmakingSettingsTests
{
    private static WiimmfiOptions Bind(params string[] sets) =>
        NodeConfiguration.BindOptions(NodeConfiguration.Build([.. sets.SelectMany(s => new[] { "--set", s })], new Dictionary<string, string?>()));

    [Fact]
    public void The_shipped_defaults_give_the_documented_table_settings()
    {
        var settings = MasterTables.SettingsFrom(Bind());
        Assert.Equal(TimeSpan.FromSeconds(60), settings.ServerExpiry);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ChallengeTimeout);
        Assert.True(settings.VerifyChallengeResponses);
        Assert.Equal(50_000, settings.MaxHostsPerGame);
        Assert.Equal((TimeSpan.FromSeconds(1), 10), (settings.RelayRetryInterval, settings.RelayMaxAttempts));
        Assert.Equal(100, settings.MaxResults);
        Assert.Same(MkwFilterPolicy.Literal, settings.MarioKartFilterPolicy);
    }

    [Fact]
    public void An_operator_can_choose_the_WiiLink_search_policy_and_relax_challenge_checks()
    {
        var options = Bind("wiimmfi.ms.mariokart-filter-policy=wiilink", "wiimmfi.master.verify-challenge-responses=off",
            "wiimmfi.master.server-expiry=90s", "wiimmfi.ms.max-results=6");
        var settings = MasterTables.SettingsFrom(options);
        Assert.Same(MkwFilterPolicy.WiiLinkCompatible, settings.MarioKartFilterPolicy);
        Assert.False(settings.VerifyChallengeResponses);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.ServerExpiry);
        Assert.Equal(6, settings.MaxResults);
    }

    [Theory]
    [InlineData("wiimmfi.master.server-expiry=0s", "master.server-expiry")]
    [InlineData("wiimmfi.master.relay-max-attempts=0", "master.relay-max-attempts")]
    [InlineData("wiimmfi.master.max-servers-per-game=0", "master.max-servers-per-game")]
    [InlineData("wiimmfi.ms.max-results=0", "ms.max-results")]
    public void A_setting_that_makes_no_sense_stops_start_up_naming_it(string set, string key)
    {
        var error = Assert.Throws<NodeStartupException>(() => MasterTables.SettingsFrom(Bind(set)));
        Assert.Contains(key, error.Message);
    }
}
