using Wiimmfi.ConsoleEmulator.Gpcm;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Login;

/// <summary>GPCM behaviour that depends on time settings; each test has its own node with short timings.</summary>
public sealed class GpcmTimingTests
{
    [Fact]
    public async Task An_expired_token_is_refused_with_error_268()
    {
        var lifetime = TimeSpan.FromMilliseconds(300);
        await using var node = await LoginNode.StartAsync(o => o with { Nas = o.Nas with { TokenLifetime = lifetime } });
        var (_, nas) = await node.NasLoginAsync();
        var issued = DateTimeOffset.UtcNow;
        // Wait until the token is past its expiry by the node's clock (the same clock as this one).
        await Awaiting.ConditionAsync(() => DateTimeOffset.UtcNow > issued + lifetime + TimeSpan.FromMilliseconds(100));
        await using var gpcm = await GpcmClient.ConnectAsync(node.Gpcm);

        var outcome = await gpcm.LoginAsync(nas.Token!, nas.Challenge!);

        Assert.Equal(GpErrorCode.LoginTicketExpired, outcome.Error!.Code);
    }

    [Fact]
    public async Task A_quiet_console_gets_keep_alives_and_an_idle_one_is_disconnected_and_logged_out()
    {
        await using var node = await LoginNode.StartAsync(o => o with
        {
            Gpcm = o.Gpcm with { KeepAliveInterval = TimeSpan.FromMilliseconds(300), IdleTimeout = TimeSpan.FromSeconds(2) },
        });
        await using var console = await node.SignInAsync();

        var keepAlive = await console.Gpcm.Stream.WaitForAsync(m => m.Command == "ka");

        Assert.Equal("ka", keepAlive.Command);
        Assert.True(await console.Gpcm.Stream.WaitForCloseAsync(TimeSpan.FromSeconds(30)));
        await Awaiting.ConditionAsync(() => node.Sessions.Directory.Find(console.ProfileId) is null);
    }

    [Fact]
    public async Task Expired_tokens_nobody_redeemed_are_purged_periodically()
    {
        var lifetime = TimeSpan.FromMilliseconds(200);
        await using var node = await LoginNode.StartAsync(o => o with
        {
            Nas = o.Nas with { TokenLifetime = lifetime, TokenPurgeInterval = TimeSpan.FromMilliseconds(200) },
        });
        var (_, nas) = await node.NasLoginAsync();

        await Awaiting.ConditionAsync(() =>
        {
            var metrics = node.Node.Node.Context.Services.Get<Wiimmfi.Host.Modules.Nas.NasService>().Metrics;
            return metrics.TokensPurged >= 1;
        }, TimeSpan.FromSeconds(30));

        Assert.Equal(Actors.Storage.AuthTokenConsumeStatus.Unknown, (await node.Store.AuthTokens.ConsumeAsync(nas.Token!)).Status);
    }
}
