namespace Wiimmfi.Actors.Storage;

/// <summary>
/// The relational store of one node: consoles, profiles, friends, bans, auth tokens and the
/// login log, on SQLite or PostgreSQL. Create it with <see cref="WiimmfiStore.Create"/> after
/// <see cref="SchemaMigrator.MigrateAsync(StoreOptions, CancellationToken)"/>; share one instance
/// (it pools connections and is thread-safe) and dispose it at shutdown.
///
/// Every method is async and honours its cancellation token. Bad arguments throw
/// <see cref="ArgumentException"/> before the database is touched; database failures surface as
/// <see cref="System.Data.Common.DbException"/>, and whatever the failure, a write either happens
/// whole or not at all.
/// </summary>
public interface IWiimmfiStore : IAsyncDisposable
{
    /// <summary>The dialect behind this store.</summary>
    StoreKind Kind { get; }

    IConsoleStore Consoles { get; }

    IProfileStore Profiles { get; }

    IFriendStore Friends { get; }

    IBanStore Bans { get; }

    IAuthTokenStore AuthTokens { get; }

    ILoginLog LoginLog { get; }

    /// <summary>SAKE records, votes and files.</summary>
    ISakeStore Sake { get; }

    /// <summary>Mario Kart Wii scores, ghosts and competitions (RACE).</summary>
    IRaceStore Race { get; }

    /// <summary>GAMESTATS uploads.</summary>
    IGameStatsStore GameStats { get; }

    /// <summary>The moderation audit log (kicks, bans, unbans).</summary>
    IModerationAuditLog AuditLog { get; }

    /// <summary>Runs a trivial query: true when the database answers (the node's readiness check).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
