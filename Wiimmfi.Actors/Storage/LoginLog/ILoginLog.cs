namespace Wiimmfi.Actors.Storage;

/// <summary>The log of login attempts (NAS and GPCM), for operators and login statistics.</summary>
public interface ILoginLog
{
    /// <summary>Appends an attempt stamped now; returns its entry id.</summary>
    Task<long> AppendAsync(LoginAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>The latest attempts matching the query, newest first.</summary>
    Task<IReadOnlyList<LoginLogEntry>> ListRecentAsync(LoginLogQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes entries older than the given time (retention); returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);
}
