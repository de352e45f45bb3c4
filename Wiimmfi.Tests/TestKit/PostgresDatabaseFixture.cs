namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// Class fixture: one fresh database on the shared throwaway server per test class, created on
/// first use (a class whose tests are all skipped never starts the server).
/// </summary>
public sealed class PostgresDatabaseFixture
{
    private readonly Lazy<Task<string>> _database;

    public PostgresDatabaseFixture()
    {
        _database = new Lazy<Task<string>>(
            async () => await (await PostgresServer.GetAsync()).CreateDatabaseAsync("class"),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The connection string of this test class's database.</summary>
    public Task<string> GetConnectionStringAsync() => _database.Value;

    /// <summary>Another new, empty database (for tests that need one of their own, e.g. migrations).</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string purpose = "empty") =>
        await (await PostgresServer.GetAsync()).CreateDatabaseAsync(purpose);
}
