using System.Net;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    [PostgresAwareFact]
    public async Task A_created_profile_is_found_by_id_by_user_id_and_gsbrcd_and_by_uniquenick()
    {
        var userId = NewUserId();

        var result = await Store.Profiles.CreateAsync(ProfileFor(userId));

        Assert.Equal(ProfileCreateOutcome.Created, result.Outcome);
        var profile = result.Profile!;
        Assert.True(profile.ProfileId >= ProfileIds.FirstAllocated);
        Assert.Equal(userId, profile.UserId);
        Assert.Equal("RMCJ2leohni", profile.Gsbrcd);
        Assert.Equal("RMCJ", profile.FriendCodeGameId);
        Assert.Equal("RMCP", profile.GameCode);
        Assert.Equal(ProfileStatus.Offline, profile.LastStatus);
        Assert.Equal(Start, profile.Created);
        Assert.Null(profile.LastLogin);
        Assert.Equal(profile, await Store.Profiles.GetAsync(profile.ProfileId));
        Assert.Equal(profile, await Store.Profiles.FindAsync(userId, "RMCJ2leohni"));
        Assert.Equal(profile, await Store.Profiles.FindByUniqueNickAsync(profile.UniqueNick));
        Assert.Null(await Store.Profiles.FindAsync(userId, "RMCJ0000000"));
    }

    [PostgresAwareFact]
    public async Task The_first_profile_of_a_new_database_gets_id_one_billion_and_the_next_one_more()
    {
        var options = await EmptyDatabaseAsync();
        await SchemaMigrator.MigrateAsync(options);
        await using var store = WiimmfiStore.Create(options, Clock);

        var first = await NewProfileAsync(store);
        var second = await NewProfileAsync(store);

        Assert.Equal(1_000_000_000u, first.ProfileId);
        Assert.Equal(1_000_000_001u, second.ProfileId);
    }

    [PostgresAwareFact]
    public async Task Profiles_created_at_the_same_time_get_distinct_ids()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Store.Profiles.CreateAsync(ProfileFor(NewUserId()))));

        Assert.All(results, result => Assert.Equal(ProfileCreateOutcome.Created, result.Outcome));
        Assert.Equal(results.Length, results.Select(result => result.Profile!.ProfileId).Distinct().Count());
    }

    [PostgresAwareFact]
    public async Task Logins_racing_to_create_the_same_profile_create_it_once()
    {
        var userId = NewUserId();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.Profiles.CreateAsync(ProfileFor(userId))));

        Assert.Single(results, result => result.Outcome == ProfileCreateOutcome.Created);
        Assert.All(results, result => Assert.Equal(results[0].Profile!.ProfileId, result.Profile!.ProfileId));
    }

    [PostgresAwareFact]
    public async Task Creating_an_existing_profile_returns_it_unchanged()
    {
        var existing = await NewProfileAsync();

        var again = await Store.Profiles.CreateAsync(ProfileFor(existing.UserId) with { InGameNick = "Luigi" });

        Assert.Equal(ProfileCreateOutcome.AlreadyExists, again.Outcome);
        Assert.Equal(existing, again.Profile);
    }

    [PostgresAwareFact]
    public async Task A_requested_profile_id_below_the_allocated_range_is_honoured()
    {
        var requested = (uint)Random.Shared.Next(1, (int)ProfileIds.MaxRequestable);

        var result = await Store.Profiles.CreateAsync(ProfileFor(NewUserId(), requestedProfileId: requested));

        Assert.Equal(ProfileCreateOutcome.Created, result.Outcome);
        Assert.Equal(requested, result.Profile!.ProfileId);
    }

    [PostgresAwareFact]
    public async Task A_requested_profile_id_that_is_taken_or_out_of_range_is_refused_and_nothing_is_stored()
    {
        var requested = (uint)Random.Shared.Next(1, (int)ProfileIds.MaxRequestable);
        await Store.Profiles.CreateAsync(ProfileFor(NewUserId(), requestedProfileId: requested));
        var taker = NewUserId();
        var rangeTaker = NewUserId();

        var taken = await Store.Profiles.CreateAsync(ProfileFor(taker, requestedProfileId: requested));
        var inAllocatedRange = await Store.Profiles.CreateAsync(ProfileFor(rangeTaker, requestedProfileId: ProfileIds.FirstAllocated));

        Assert.Equal(new ProfileCreateResult(ProfileCreateOutcome.RequestedIdInUse, null), taken);
        Assert.Equal(new ProfileCreateResult(ProfileCreateOutcome.RequestedIdOutOfRange, null), inAllocatedRange);
        Assert.Null(await Store.Profiles.FindAsync(taker, "RMCJ2leohni"));
        Assert.Null(await Store.Profiles.FindAsync(rangeTaker, "RMCJ2leohni"));
    }

    [PostgresAwareFact]
    public async Task A_creation_that_fails_on_a_taken_uniquenick_burns_no_profile_id()
    {
        var options = await EmptyDatabaseAsync();
        await SchemaMigrator.MigrateAsync(options);
        await using var store = WiimmfiStore.Create(options, Clock);
        var first = await NewProfileAsync(store);

        var clash = await store.Profiles.CreateAsync(ProfileFor(NewUserId()) with { UniqueNick = first.UniqueNick });
        var next = await NewProfileAsync(store);

        Assert.Equal(new ProfileCreateResult(ProfileCreateOutcome.UniqueNickInUse, null), clash);
        Assert.Equal(first.ProfileId + 1, next.ProfileId);
        Assert.Equal(first, await store.Profiles.GetAsync(first.ProfileId));
    }

    [PostgresAwareFact]
    public async Task Bad_profile_fields_are_refused_before_anything_is_stored()
    {
        var userId = NewUserId();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.Profiles.CreateAsync(ProfileFor(userId) with { InGameNick = "Ma\0rio" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Profiles.CreateAsync(ProfileFor(userId) with { InGameNick = new string('M', 65) }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Profiles.CreateAsync(ProfileFor(userId, gsbrcd: "RMC")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.Profiles.CreateAsync(ProfileFor(1L << 43)));

        Assert.Null(await Store.Profiles.FindAsync(userId, "RMCJ2leohni"));
    }

    [PostgresAwareFact]
    public async Task Login_presence_and_names_are_kept_on_the_profile()
    {
        var profile = await NewProfileAsync();
        var mac = NewMac();
        Clock.Advance(TimeSpan.FromSeconds(90));

        Assert.True(await Store.Profiles.RecordLoginAsync(profile.ProfileId, new ProfileLogin("Luigi", IPAddress.Parse("::ffff:203.0.113.7"), mac)));
        Assert.True(await Store.Profiles.UpdateStatusAsync(profile.ProfileId, new ProfileStatus(3, "/VER/3/", "AAAAAA**")));
        Assert.True(await Store.Profiles.UpdateNamesAsync(profile.ProfileId, "Wii:6168191425252890@RMCJ", null));
        Assert.False(await Store.Profiles.UpdateStatusAsync(uint.MaxValue - 1, ProfileStatus.Offline));

        var stored = (await Store.Profiles.GetAsync(profile.ProfileId))!;
        Assert.Equal("Luigi", stored.InGameNick);
        Assert.Equal("203.0.113.7", stored.LastIp);
        Assert.Equal(mac, stored.LastMac);
        Assert.Equal(Start.AddSeconds(90), stored.LastLogin);
        Assert.Equal(new ProfileStatus(3, "/VER/3/", "AAAAAA**"), stored.LastStatus);
        Assert.Equal("Wii:6168191425252890@RMCJ", stored.FirstName);
        Assert.Equal("", stored.LastName);
    }

    [PostgresAwareFact]
    public async Task Fetching_several_profiles_returns_the_existing_ones()
    {
        var a = await NewProfileAsync();
        var b = await NewProfileAsync();

        var found = await Store.Profiles.GetManyAsync([a.ProfileId, b.ProfileId, a.ProfileId, uint.MaxValue - 2]);

        Assert.Equal(new[] { a, b }.OrderBy(p => p.ProfileId), found.OrderBy(p => p.ProfileId));
        Assert.Empty(await Store.Profiles.GetManyAsync([]));
    }

    [PostgresAwareFact]
    public async Task A_cancelled_call_stores_nothing()
    {
        var userId = NewUserId();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Profiles.CreateAsync(ProfileFor(userId), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Profiles.FindAsync(userId, "RMCJ2leohni", cancelled.Token));

        Assert.Null(await Store.Profiles.FindAsync(userId, "RMCJ2leohni"));
    }
}
