using System.Net;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    [PostgresAwareFact]
    public async Task Moderation_actions_are_listed_newest_first_and_by_target_profile()
    {
        var profile = await NewProfileAsync();
        var mac = NewMac();
        var kick = await Store.AuditLog.AppendAsync(new NewAuditEntry
        {
            Action = ModerationAction.Kick, Operator = "admin", Reason = "spamming rooms", TargetProfileId = profile.ProfileId,
        });
        Clock.Advance(TimeSpan.FromSeconds(3));
        var ban = await Store.AuditLog.AppendAsync(new NewAuditEntry
        {
            Action = ModerationAction.Ban, Operator = "admin", Reason = "cheating", TargetProfileId = profile.ProfileId,
            TargetMac = mac.ToUpperInvariant(), TargetIp = IPAddress.Parse("198.51.100.9"), TargetNgId = 77, BanId = 12,
            Detail = $"kicked {profile.ProfileId}",
        });

        var forProfile = await Store.AuditLog.ListRecentAsync(profile.ProfileId);
        var latest = await Store.AuditLog.ListRecentAsync(limit: 1);

        Assert.Equal([ban, kick], forProfile.Select(e => e.AuditId));
        Assert.Equal(
            new AuditEntry(ban, Start.AddSeconds(3), ModerationAction.Ban, "admin", profile.ProfileId, mac, 77, "198.51.100.9", 12,
                "cheating", $"kicked {profile.ProfileId}"),
            forProfile[0]);
        Assert.Equal(new AuditEntry(kick, Start, ModerationAction.Kick, "admin", profile.ProfileId, null, null, null, null, "spamming rooms", null),
            forProfile[1]);
        Assert.Single(latest);
    }

    [PostgresAwareFact]
    public async Task An_audit_entry_without_an_operator_is_refused_before_anything_is_stored()
    {
        var profile = await NewProfileAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.AuditLog.AppendAsync(new NewAuditEntry
        {
            Action = ModerationAction.Kick, Operator = "", Reason = "r", TargetProfileId = profile.ProfileId,
        }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.AuditLog.ListRecentAsync(limit: 0));

        Assert.Empty(await Store.AuditLog.ListRecentAsync(profile.ProfileId));
    }

    [PostgresAwareFact]
    public async Task The_ban_overview_lists_standing_bans_newest_first_and_lifted_ones_only_when_asked()
    {
        // Its own database: the overview lists every ban, including other tests' ones.
        var options = await EmptyDatabaseAsync();
        await SchemaMigrator.MigrateAsync(options);
        await using var store = WiimmfiStore.Create(options, Clock);
        var first = await store.Bans.IssueAsync(new NewBan { Mac = NewMac(), Reason = "a", IssuedBy = "admin" });
        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await store.Bans.IssueAsync(new NewBan { Ip = NewIp(), Reason = "b", IssuedBy = "admin", ExpiresAt = Clock.GetUtcNow().AddHours(1) });
        Clock.Advance(TimeSpan.FromSeconds(1));
        var lifted = await store.Bans.IssueAsync(new NewBan { NgId = NewNgId(), Reason = "c", IssuedBy = "admin" });
        await store.Bans.RevokeAsync(lifted.BanId, "admin");

        Assert.Equal([second.BanId, first.BanId], (await store.Bans.ListRecentAsync()).Select(b => b.BanId));
        Assert.Equal([lifted.BanId, second.BanId, first.BanId], (await store.Bans.ListRecentAsync(includeInactive: true)).Select(b => b.BanId));
        Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal([first.BanId], (await store.Bans.ListRecentAsync()).Select(b => b.BanId));
    }
}
