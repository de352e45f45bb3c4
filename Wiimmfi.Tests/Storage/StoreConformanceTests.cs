using Dapper;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Storage;

/// <summary>
/// The store's specification, written once and run against every dialect: SQLite on a real
/// temporary file (<see cref="SqliteStoreConformanceTests"/>) and PostgreSQL on the throwaway
/// server (<see cref="PostgresStoreConformanceTests"/>). A dialect is done when all of it passes.
/// Subclasses only supply databases; the partial files hold the tests, one file per area.
///
/// Tests share one migrated database per class and stay out of each other's way by using fresh
/// user ids, MACs and addresses; tests that need an empty database ask for one.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    /// <summary>Where every test's <see cref="Clock"/> starts.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    // User ids must be unique across the tests sharing a database; a random start keeps reruns
    // against a kept database apart as well.
    private static long _lastUserId = Random.Shared.NextInt64(1L << 40, 1L << 42);

    /// <summary>The store's clock; tests move it to expire tokens and bans.</summary>
    protected ManualClock Clock { get; } = new(Start);

    /// <summary>A store on the class's shared, migrated database.</summary>
    protected IWiimmfiStore Store { get; private set; } = null!;

    /// <summary>The options of the shared database.</summary>
    protected StoreOptions SharedOptions { get; private set; } = null!;

    /// <summary>The class's shared database (may already hold other tests' rows).</summary>
    protected abstract Task<StoreOptions> SharedDatabaseAsync();

    /// <summary>A new, empty database: no tables at all.</summary>
    protected abstract Task<StoreOptions> EmptyDatabaseAsync();

    public async Task InitializeAsync()
    {
        SharedOptions = await SharedDatabaseAsync();
        await SchemaMigrator.MigrateAsync(SharedOptions);
        Store = WiimmfiStore.Create(SharedOptions, Clock);
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }
    }

    protected static long NewUserId() => Interlocked.Increment(ref _lastUserId);

    protected static string NewMac() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..6]);

    protected static uint NewNgId() => (uint)Random.Shared.NextInt64(1, uint.MaxValue);

    protected static System.Net.IPAddress NewIp() => new(Random.Shared.Next(0x0B000001, 0x7EFFFFFF));

    /// <summary>A profile request as GPCM would make it (the nick is just unique here, not base32).</summary>
    protected static NewProfile ProfileFor(long userId, string gsbrcd = "RMCJ2leohni", uint? requestedProfileId = null) =>
        new(userId, gsbrcd, "RMCP", "Mario", $"{userId:x}{gsbrcd}", $"{userId:x}{gsbrcd}@nds", requestedProfileId);

    protected Task<ProfileRecord> NewProfileAsync() => NewProfileAsync(Store);

    protected static async Task<ProfileRecord> NewProfileAsync(IWiimmfiStore store)
    {
        var result = await store.Profiles.CreateAsync(ProfileFor(NewUserId()));
        Assert.Equal(ProfileCreateOutcome.Created, result.Outcome);
        return result.Profile!;
    }

    /// <summary>Runs SQL behind the store's back (to tamper with the schema history and the like).</summary>
    protected static async Task ExecuteRawAsync(StoreOptions options, string sql)
    {
        await using var database = StoreDatabase.Create(options);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }

    protected static async Task<long> ScalarRawAsync(StoreOptions options, string sql)
    {
        await using var database = StoreDatabase.Create(options);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
