using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Storage;

public class MigrationCatalogTests
{
    [Fact]
    public void Both_dialects_carry_the_same_numbered_migrations()
    {
        var sqlite = SchemaMigrator.KnownMigrations(StoreKind.Sqlite);
        var postgres = SchemaMigrator.KnownMigrations(StoreKind.Postgres);

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite.Select(m => m.Id), postgres.Select(m => m.Id));
        // Numbers strictly increase; gaps are allowed (each line of work has its own range).
        Assert.All(sqlite.Zip(sqlite.Skip(1)), pair => Assert.True(pair.First.Version < pair.Second.Version));
        Assert.Equal("0001_initial", sqlite[0].Id);
    }

    [Fact]
    public void A_migration_checksum_does_not_depend_on_line_endings_or_a_byte_order_mark()
    {
        Assert.Equal(MigrationCatalog.Checksum("CREATE TABLE t (x INTEGER);\nSELECT 1;\n"),
            MigrationCatalog.Checksum("\uFEFFCREATE TABLE t (x INTEGER);\r\nSELECT 1;\r\n"));
        Assert.NotEqual(MigrationCatalog.Checksum("SELECT 1;"), MigrationCatalog.Checksum("SELECT 2;"));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite, "0001_initial", "f1788137f8d8b1ebd22622c653779437f081a4886fe813ac792271aa07ffe3f8")]
    [InlineData(StoreKind.Postgres, "0001_initial", "2ad4b906035068a2cd8e273ef4bf2fb3ee738f93cd64adcfa1b0851f315e7978")]
    [InlineData(StoreKind.Sqlite, "0002_moderation_audit", "d16be3bb9e27bc343558e073a3163b19b2b5d0e354ac84e071805dadcacaf3b6")]
    [InlineData(StoreKind.Postgres, "0002_moderation_audit", "3c99359d93aa2939d9897c5b616c1c3cea6cf7b8769c743079ff1ab676e6c627")]
    [InlineData(StoreKind.Sqlite, "0200_event_journal", "b6d16c0ead0be48df92ffc197260aa812dad16624e49f02c21fc0eb372c65c37")]
    [InlineData(StoreKind.Postgres, "0200_event_journal", "de9dec8a2e400703a0d2bb221eed0a8d18a57892a26e06108593720ea814499f")]
    public void A_released_migration_script_never_changes(StoreKind kind, string id, string sha256)
    {
        // Golden checksums: databases record them, and the migrator refuses a database whose
        // recorded checksum differs from the build's. Put a change into a new migration (and add
        // its line here) instead of editing a released one.
        Assert.Equal(sha256, SchemaMigrator.KnownMigrations(kind).Single(m => m.Id == id).Checksum);
    }
}
