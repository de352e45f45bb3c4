using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    [PostgresAwareFact]
    public async Task Migrating_an_empty_database_applies_every_migration_in_order()
    {
        var options = await EmptyDatabaseAsync();
        var known = SchemaMigrator.KnownMigrations(options.Kind);

        var before = await SchemaMigrator.GetStatusAsync(options);
        var report = await SchemaMigrator.MigrateAsync(options);
        var after = await SchemaMigrator.GetStatusAsync(options);

        Assert.Equal(0, before.DatabaseVersion);
        Assert.Equal(known, before.Pending);
        Assert.Equal(0, report.VersionBefore);
        Assert.Equal(known[^1].Version, report.VersionAfter);
        Assert.Equal(known, report.Applied);
        Assert.True(after.IsCurrent);
        Assert.Equal(known[^1].Version, after.DatabaseVersion);
        Assert.Equal(known.Count, await ScalarRawAsync(options, "SELECT count(*) FROM schema_migrations"));
    }

    [PostgresAwareFact]
    public async Task Migrating_again_applies_nothing_and_keeps_the_data()
    {
        var options = await EmptyDatabaseAsync();
        await SchemaMigrator.MigrateAsync(options);
        ProfileRecord profile;
        await using (var store = WiimmfiStore.Create(options, Clock))
        {
            profile = await NewProfileAsync(store);
        }

        var again = await SchemaMigrator.MigrateAsync(options);

        Assert.Empty(again.Applied);
        Assert.Equal(again.VersionBefore, again.VersionAfter);
        await using var reopened = WiimmfiStore.Create(options, Clock);
        Assert.Equal(profile, await reopened.Profiles.GetAsync(profile.ProfileId));
    }

    [PostgresAwareFact]
    public async Task Two_migrators_racing_on_an_empty_database_apply_each_script_once()
    {
        var options = await EmptyDatabaseAsync();
        var known = SchemaMigrator.KnownMigrations(options.Kind);

        var reports = await Task.WhenAll(SchemaMigrator.MigrateAsync(options), SchemaMigrator.MigrateAsync(options));

        Assert.Equal(known.Count, reports.Sum(report => report.Applied.Count));
        Assert.All(reports, report => Assert.Equal(known[^1].Version, report.VersionAfter));
        Assert.Equal(known.Count, await ScalarRawAsync(options, "SELECT count(*) FROM schema_migrations"));
    }

    [PostgresAwareFact]
    public async Task A_database_migrated_by_a_newer_build_is_refused_with_a_clear_message()
    {
        var options = await EmptyDatabaseAsync();
        await SchemaMigrator.MigrateAsync(options);
        var latest = SchemaMigrator.KnownMigrations(options.Kind)[^1].Version;
        await ExecuteRawAsync(options,
            $"INSERT INTO schema_migrations (version, name, checksum, applied_ms) VALUES ({latest + 1}, 'from_the_future', 'x', 0)");

        var error = await Assert.ThrowsAsync<SchemaTooNewException>(() => SchemaMigrator.MigrateAsync(options));

        Assert.Equal(latest + 1, error.DatabaseVersion);
        Assert.Equal(latest, error.LatestKnownVersion);
        Assert.Contains($"schema is at version {latest + 1}", error.Message);
        Assert.Contains($"only knows migrations up to version {latest}", error.Message);
        await Assert.ThrowsAsync<SchemaTooNewException>(() => SchemaMigrator.GetStatusAsync(options));
        Assert.Equal(SchemaMigrator.KnownMigrations(options.Kind).Count + 1, await ScalarRawAsync(options, "SELECT count(*) FROM schema_migrations"));
    }

    [PostgresAwareFact]
    public async Task A_migration_script_edited_after_it_was_applied_is_refused()
    {
        var options = await EmptyDatabaseAsync();
        await SchemaMigrator.MigrateAsync(options);
        await ExecuteRawAsync(options, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => SchemaMigrator.MigrateAsync(options));

        Assert.Contains("migration 1", error.Message);
        Assert.Contains("append-only", error.Message);
    }

    [PostgresAwareFact]
    public async Task A_failing_migration_is_rolled_back_whole_and_earlier_ones_stay_applied()
    {
        var options = await EmptyDatabaseAsync();
        var known = SchemaMigrator.KnownMigrations(options.Kind);
        var broken = new Migration(known[^1].Version + 1, "broken", "CREATE TABLE half_done (x BIGINT); INSERT INTO no_such_table VALUES (1);", "sum");
        await using var database = StoreDatabase.Create(options);

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => SchemaMigrator.MigrateAsync(database, [.. known, broken], TimeProvider.System, CancellationToken.None));

        Assert.Contains(broken.Id, error.Message);
        Assert.Contains($"stays at version {known[^1].Version}", error.Message);
        Assert.Equal(known[^1].Version, (await SchemaMigrator.GetStatusAsync(options)).DatabaseVersion);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.False(await database.TableExistsAsync(connection, "half_done", CancellationToken.None));
        Assert.True(await database.TableExistsAsync(connection, "profiles", CancellationToken.None));
    }
}
