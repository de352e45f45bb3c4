using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Actors.Sessions;

/// <summary>
/// Deletes NAS login tokens nobody redeemed once they have expired (a redeemed token is deleted at
/// once). Runs every <c>interval</c>; a failed purge is retried at the next tick, and the tokens stay
/// refused in the meantime because redeeming checks the expiry itself.
/// </summary>
public sealed class AuthTokenPurger : ReceiveActor, IWithTimers
{
    private readonly IWiimmfiStore _store;
    private readonly TimeSpan _interval;
    private readonly Action<int> _purged;

    /// <param name="store">The store holding the tokens.</param>
    /// <param name="interval">Time between purges.</param>
    /// <param name="purged">Told how many tokens each purge removed (metrics, logs).</param>
    public AuthTokenPurger(IWiimmfiStore store, TimeSpan interval, Action<int> purged)
    {
        _store = store;
        _interval = interval;
        _purged = purged;
        ReceiveAsync<Purge>(_ => PurgeAsync());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Purge now (the timer sends it; tests may too).</summary>
    public sealed class Purge
    {
        public static readonly Purge Instance = new();
    }

    protected override void PreStart() => Timers.StartPeriodicTimer(Purge.Instance, Purge.Instance, _interval);

    private async Task PurgeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_interval);
            var count = await _store.AuthTokens.PurgeExpiredAsync(timeout.Token);
            _purged(count);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(Context.Logger, e, "Purging expired login tokens failed; retrying at the next tick");
        }
    }
}
