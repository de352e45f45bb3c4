using System.Net;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    [PostgresAwareFact]
    public async Task Login_attempts_are_listed_newest_first_and_by_profile_or_user()
    {
        var userId = NewUserId();
        var otherUser = NewUserId();
        var mac = NewMac();
        var nas = await Store.LoginLog.AppendAsync(new LoginAttempt
        {
            Service = LoginService.Nas, Outcome = LoginOutcome.Success, UserId = userId, GameCode = "RMCE",
            Ip = IPAddress.Parse("198.51.100.4"), Mac = mac, Detail = "returncd=001",
        });
        Clock.Advance(TimeSpan.FromSeconds(2));
        var gpcm = await Store.LoginLog.AppendAsync(new LoginAttempt
        {
            Service = LoginService.Gpcm, Outcome = LoginOutcome.TokenExpired, UserId = userId, ProfileId = 1_000_000_123, GameCode = "mariokartwii",
            Ip = IPAddress.Parse("198.51.100.4"), Detail = "err=268",
        });
        await Store.LoginLog.AppendAsync(new LoginAttempt { Service = LoginService.Nas, Outcome = LoginOutcome.Banned, UserId = otherUser });

        var byUser = await Store.LoginLog.ListRecentAsync(new LoginLogQuery(UserId: userId));
        var byProfile = await Store.LoginLog.ListRecentAsync(new LoginLogQuery(ProfileId: 1_000_000_123, UserId: userId));
        var latest = await Store.LoginLog.ListRecentAsync(new LoginLogQuery(Limit: 1));

        Assert.Equal([gpcm, nas], byUser.Select(entry => entry.EntryId));
        Assert.Equal(
            new LoginLogEntry(nas, Start, LoginService.Nas, LoginOutcome.Success, userId, null, "RMCE", "198.51.100.4", mac, "returncd=001"),
            byUser[1]);
        Assert.Equal(
            new LoginLogEntry(gpcm, Start.AddSeconds(2), LoginService.Gpcm, LoginOutcome.TokenExpired, userId, 1_000_000_123, "mariokartwii",
                "198.51.100.4", null, "err=268"),
            Assert.Single(byProfile));
        Assert.Single(latest);
    }

    [PostgresAwareFact]
    public async Task Pruning_the_login_log_removes_only_old_entries()
    {
        // Its own database: pruning by time would also remove other tests' entries.
        var options = await EmptyDatabaseAsync();
        await SchemaMigrator.MigrateAsync(options);
        await using var store = WiimmfiStore.Create(options, Clock);
        var attempt = new LoginAttempt { Service = LoginService.Nas, Outcome = LoginOutcome.Success, UserId = NewUserId() };
        await store.LoginLog.AppendAsync(attempt);
        await store.LoginLog.AppendAsync(attempt);
        Clock.Advance(TimeSpan.FromDays(40));
        var recent = await store.LoginLog.AppendAsync(attempt);

        var pruned = await store.LoginLog.PruneAsync(Start.AddDays(30));

        Assert.Equal(2, pruned);
        Assert.Equal([recent], (await store.LoginLog.ListRecentAsync(new LoginLogQuery())).Select(entry => entry.EntryId));
    }

    [PostgresAwareFact]
    public async Task A_login_log_query_beyond_the_row_limit_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Store.LoginLog.ListRecentAsync(new LoginLogQuery(Limit: StoreLimits.MaxRowsPerQuery + 1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.LoginLog.ListRecentAsync(new LoginLogQuery(Limit: 0)));
    }
}
