namespace Wiimmfi.Actors.Storage;

/// <summary>The <see cref="IWiimmfiStore"/> facade: one database, one clock, the area stores on top.</summary>
internal sealed class SqlWiimmfiStore : IWiimmfiStore
{
    public SqlWiimmfiStore(StoreDatabase database, TimeProvider time)
    {
        Database = database;
        Consoles = new SqlConsoleStore(database, time);
        Profiles = new SqlProfileStore(database, time);
        Friends = new SqlFriendStore(database, time);
        Bans = new SqlBanStore(database, time);
        AuthTokens = new SqlAuthTokenStore(database, time);
        LoginLog = new SqlLoginLog(database, time);
        Sake = new SqlSakeStore(database, time);
        Race = new SqlRaceStore(database, time);
        GameStats = new SqlGameStatsStore(database, time);
        AuditLog = new SqlModerationAuditLog(database, time);
    }

    /// <summary>The database, for stores added later in this assembly (SAKE, journal) that share it.</summary>
    internal StoreDatabase Database { get; }

    public StoreKind Kind => Database.Kind;

    public IConsoleStore Consoles { get; }

    public IProfileStore Profiles { get; }

    public IFriendStore Friends { get; }

    public IBanStore Bans { get; }

    public IAuthTokenStore AuthTokens { get; }

    public ILoginLog LoginLog { get; }

    public ISakeStore Sake { get; }

    public IRaceStore Race { get; }

    public IGameStatsStore GameStats { get; }

    public IModerationAuditLog AuditLog { get; }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await Database.WithConnectionAsync(async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) == 1;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
