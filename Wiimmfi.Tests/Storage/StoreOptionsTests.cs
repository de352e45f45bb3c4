using Microsoft.Extensions.Configuration;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Storage;

public class StoreOptionsTests
{
    [Fact]
    public void Store_settings_bind_from_the_wiimmfi_store_section_with_their_configuration_names()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["wiimmfi:store:kind"] = "postgres",
            ["wiimmfi:store:connection-string"] = "Host=db.example;Database=wiimmfi",
            ["wiimmfi:store:sqlite-file"] = "elsewhere.db",
            ["wiimmfi:store:busy-timeout"] = "00:00:05",
        }).Build();

        var options = configuration.GetSection("wiimmfi:store").Get<StoreOptions>();

        Assert.Equal(new StoreOptions
        {
            Kind = StoreKind.Postgres,
            ConnectionString = "Host=db.example;Database=wiimmfi",
            SqliteFile = "elsewhere.db",
            BusyTimeout = TimeSpan.FromSeconds(5),
        }, options);
    }

    [Fact]
    public void The_default_is_an_embedded_sqlite_file_in_the_data_folder()
    {
        var options = new StoreOptions();

        Assert.Equal(StoreKind.Sqlite, options.Kind);
        Assert.Equal(Path.Combine("data", "wiimmfi.db"), options.SqliteFile);
    }

    [Fact]
    public async Task A_postgres_store_without_a_connection_string_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => WiimmfiStore.Create(new StoreOptions { Kind = StoreKind.Postgres }));
        var migrateError = await Assert.ThrowsAsync<ArgumentException>(
            () => SchemaMigrator.MigrateAsync(new StoreOptions { Kind = StoreKind.Postgres }));

        Assert.Contains("wiimmfi.store.connection-string", error.Message);
        Assert.Contains("wiimmfi.store.connection-string", migrateError.Message);
    }
}
