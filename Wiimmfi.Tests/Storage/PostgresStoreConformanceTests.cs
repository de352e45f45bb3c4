using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Storage;

/// <summary>The store specification on PostgreSQL: one fresh database on the throwaway server per class.</summary>
[PostgresRequired]
public sealed class PostgresStoreConformanceTests(PostgresDatabaseFixture database) : StoreConformanceTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override async Task<StoreOptions> SharedDatabaseAsync() =>
        StoreOptions.ForPostgres(await database.GetConnectionStringAsync());

    protected override async Task<StoreOptions> EmptyDatabaseAsync() =>
        StoreOptions.ForPostgres(await database.CreateEmptyDatabaseAsync());
}
