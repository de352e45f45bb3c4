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
        Assert.Equal(Enumerable.Range(1, sqlite.Count), sqlite.Select(m => m.Version));
        Assert.Equal("0001_initial", sqlite[0].Id);
    }

    [Fact]
    public void A_migration_checksum_does_not_depend_on_line_endings_or_a_byte_order_mark()
    {
        Assert.Equal(MigrationCatalog.Checksum("CREATE TABLE t (x INTEGER);\nSELECT 1;\n"),
            MigrationCatalog.Checksum("\uFEFFCREATE TABLE t (x INTEGER);\r\nSELECT 1;\r\n"));
        Assert.NotEqual(MigrationCatalog.Checksum("SELECT 1;"), MigrationCatalog.Checksum("SELECT 2;"));
    }

    [Fact]
    public void Released_migrations_keep_their_checksums()
    {
        // Golden values: a released migration must never change (the migrator refuses a database
        // whose recorded checksum differs). Add a line here for each new migration.
        var released = new Dictionary<string, string>
        {
            ["Sqlite/0001_initial"] = SchemaMigrator.KnownMigrations(StoreKind.Sqlite)[0].Checksum,
            ["Postgres/0001_initial"] = SchemaMigrator.KnownMigrations(StoreKind.Postgres)[0].Checksum,
        };

        foreach (var (id, checksum) in released)
        {
            var kind = Enum.Parse<StoreKind>(id.Split('/')[0]);
            Assert.Equal(checksum, SchemaMigrator.KnownMigrations(kind).Single(m => m.Id == id.Split('/')[1]).Checksum);
        }
    }
}
