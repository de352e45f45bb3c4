using Npgsql;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Storage;

/// <summary>The throwaway PostgreSQL fixture itself: loopback only, separate fresh databases.</summary>
public class PostgresTestServerTests
{
    [PostgresFact]
    public async Task Fresh_databases_are_empty_and_do_not_see_each_other()
    {
        var server = await PostgresServer.GetAsync();
        var first = await server.CreateDatabaseAsync("isolation");
        var second = await server.CreateDatabaseAsync("isolation");

        await ExecuteAsync(first, "CREATE TABLE only_here (x INT)");

        Assert.NotEqual(first, second);
        Assert.Equal(1L, await ScalarAsync(first, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_here'"));
        Assert.Equal(0L, await ScalarAsync(second, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [PostgresFact]
    public async Task The_server_listens_on_loopback_only_and_lives_in_a_temporary_folder()
    {
        var server = await PostgresServer.GetAsync();
        var database = await server.CreateDatabaseAsync("listen");

        Assert.Equal("127.0.0.1", await ScalarTextAsync(database, "SHOW listen_addresses"));
        Assert.StartsWith(Path.GetTempPath(), server.RootFolder);
        Assert.True(Directory.Exists(Path.Combine(server.RootFolder, "data")));
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(true, true, false)]
    [InlineData(false, false, true)]
    [InlineData(false, true, false)]
    public void PostgreSQL_tests_are_skipped_only_when_the_binaries_are_missing_and_CI_does_not_require_them(
        bool binariesFound, bool required, bool skipped)
    {
        var reason = PostgresAvailability.SkipReasonFor(binariesFound, required);

        Assert.Equal(skipped, reason is not null);
        if (skipped)
        {
            Assert.Contains("WIIMMFI_REQUIRE_POSTGRES=1", reason);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql) =>
        Convert.ToInt64(await ScalarObjectAsync(connectionString, sql));

    private static async Task<string?> ScalarTextAsync(string connectionString, string sql) =>
        (string?)await ScalarObjectAsync(connectionString, sql);

    private static async Task<object?> ScalarObjectAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
