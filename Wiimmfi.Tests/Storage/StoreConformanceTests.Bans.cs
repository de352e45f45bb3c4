using System.Net;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    [PostgresAwareFact]
    public async Task A_ban_on_a_profile_matches_that_profile_and_no_other()
    {
        var profile = await NewProfileAsync();
        var ban = await Store.Bans.IssueAsync(new NewBan { ProfileId = profile.ProfileId, Reason = "cheating", IssuedBy = "admin" });

        Assert.Equal(ban, await Store.Bans.FindActiveAsync(new BanQuery(ProfileId: profile.ProfileId, Mac: NewMac(), Ip: NewIp())));
        Assert.Null(await Store.Bans.FindActiveAsync(new BanQuery(ProfileId: profile.ProfileId + 1, Mac: NewMac(), NgId: NewNgId(), Ip: NewIp())));
        Assert.Equal(new BanRecord(ban.BanId, profile.ProfileId, null, null, null, "cheating", "admin", Start, null, null, null), ban);
        Assert.Equal(ban, await Store.Bans.GetAsync(ban.BanId));
    }

    [PostgresAwareFact]
    public async Task A_ban_on_a_MAC_matches_that_console_however_the_MAC_is_spelled()
    {
        var mac = NewMac();
        var ban = await Store.Bans.IssueAsync(new NewBan { Mac = mac.ToUpperInvariant(), Reason = "r", IssuedBy = "admin" });

        var spelled = string.Join('-', Enumerable.Range(0, 6).Select(i => mac.Substring(i * 2, 2)));
        Assert.Equal(ban, await Store.Bans.FindActiveAsync(new BanQuery(Mac: spelled)));
        Assert.Equal(mac, ban.Mac);
        Assert.Null(await Store.Bans.FindActiveAsync(new BanQuery(Mac: NewMac())));
    }

    [PostgresAwareFact]
    public async Task A_ban_on_an_NG_id_matches_that_console()
    {
        var ngId = NewNgId();
        var ban = await Store.Bans.IssueAsync(new NewBan { NgId = ngId, Reason = "r", IssuedBy = "admin" });

        Assert.Equal(ban, await Store.Bans.FindActiveAsync(new BanQuery(Mac: NewMac(), NgId: ngId)));
        Assert.Null(await Store.Bans.FindActiveAsync(new BanQuery(NgId: ngId ^ 1)));
    }

    [PostgresAwareFact]
    public async Task A_ban_on_an_IP_matches_that_address_also_when_reported_as_IPv4_mapped_IPv6()
    {
        var ip = NewIp();
        var ban = await Store.Bans.IssueAsync(new NewBan { Ip = ip, Reason = "r", IssuedBy = "admin" });

        Assert.Equal(ban, await Store.Bans.FindActiveAsync(new BanQuery(Ip: ip.MapToIPv6())));
        Assert.Equal(ip.ToString(), ban.Ip);
        Assert.Null(await Store.Bans.FindActiveAsync(new BanQuery(Ip: IPAddress.Parse("2001:db8::1"))));
    }

    [PostgresAwareFact]
    public async Task An_expired_ban_no_longer_matches()
    {
        var ngId = NewNgId();
        var ban = await Store.Bans.IssueAsync(new NewBan { NgId = ngId, Reason = "r", IssuedBy = "admin", ExpiresAt = Start.AddDays(1) });

        Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ban, await Store.Bans.FindActiveAsync(new BanQuery(NgId: ngId)));
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await Store.Bans.FindActiveAsync(new BanQuery(NgId: ngId)));
        Assert.Equal([ban], await Store.Bans.ListAsync(new BanQuery(NgId: ngId), includeInactive: true));
        Assert.Empty(await Store.Bans.ListAsync(new BanQuery(NgId: ngId)));
    }

    [PostgresAwareFact]
    public async Task A_revoked_ban_no_longer_matches_and_cannot_be_revoked_twice()
    {
        var mac = NewMac();
        var ban = await Store.Bans.IssueAsync(new NewBan { Mac = mac, Reason = "r", IssuedBy = "admin" });
        Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await Store.Bans.RevokeAsync(ban.BanId, "moderator"));
        Assert.False(await Store.Bans.RevokeAsync(ban.BanId, "moderator"));

        Assert.Null(await Store.Bans.FindActiveAsync(new BanQuery(Mac: mac)));
        var revoked = (await Store.Bans.GetAsync(ban.BanId))!;
        Assert.Equal(Start.AddMinutes(1), revoked.RevokedAt);
        Assert.Equal("moderator", revoked.RevokedBy);
        Assert.False(revoked.IsActiveAt(Clock.GetUtcNow()));
    }

    [PostgresAwareFact]
    public async Task Of_several_matching_bans_the_permanent_one_is_reported_first_then_the_longest()
    {
        var profile = await NewProfileAsync();
        var ip = NewIp();
        var shortBan = await Store.Bans.IssueAsync(new NewBan { Ip = ip, Reason = "short", IssuedBy = "a", ExpiresAt = Start.AddDays(1) });
        var longBan = await Store.Bans.IssueAsync(new NewBan { Ip = ip, Reason = "long", IssuedBy = "a", ExpiresAt = Start.AddDays(30) });

        Assert.Equal(longBan, await Store.Bans.FindActiveAsync(new BanQuery(ProfileId: profile.ProfileId, Ip: ip)));
        var permanent = await Store.Bans.IssueAsync(new NewBan { ProfileId = profile.ProfileId, Reason = "forever", IssuedBy = "a" });
        Assert.Equal(permanent, await Store.Bans.FindActiveAsync(new BanQuery(ProfileId: profile.ProfileId, Ip: ip)));
        Assert.Equal(3, (await Store.Bans.ListAsync(new BanQuery(ProfileId: profile.ProfileId, Ip: ip))).Count);
        Assert.NotEqual(shortBan.BanId, longBan.BanId);
    }

    [PostgresAwareFact]
    public async Task A_ban_without_any_key_or_issuer_is_refused_and_an_empty_query_matches_nothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Bans.IssueAsync(new NewBan { Reason = "r", IssuedBy = "admin" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Bans.IssueAsync(new NewBan { Ip = NewIp(), Reason = "r", IssuedBy = "" }));

        Assert.Null(await Store.Bans.FindActiveAsync(new BanQuery()));
    }
}
