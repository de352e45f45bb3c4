namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Single-use, expiring login tokens from NAS to GPCM. Stored (not self-contained) so that any
/// node can redeem a token another node issued, and so that a token works exactly once.
/// </summary>
public interface IAuthTokenStore
{
    /// <summary>Stores a token issued now. False (and nothing changed) when the token text already exists.</summary>
    Task<bool> IssueAsync(NewAuthToken token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Redeems a token atomically: of any number of concurrent calls with the same token at most
    /// one gets <see cref="AuthTokenConsumeStatus.Consumed"/>. An expired token is refused and removed.
    /// </summary>
    Task<AuthTokenConsumeResult> ConsumeAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Removes every expired token; returns how many. The host runs it periodically.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default);
}
