namespace Wiimmfi.Host.Watchdog;

/// <summary>
/// When to start a node again after it died. A node that crashes now and then is restarted at once (Wiimmfi's
/// watchdog brought a crashed server back in under 100 ms); a node that keeps crashing — more than
/// <see cref="BurstLimit"/> deaths within <see cref="BurstWindow"/> — is restarted after a growing delay
/// (1 s, 2 s, 4 s … up to <see cref="MaxDelay"/>), so a broken build or a full disk does not spin the machine.
/// A node that then runs for <see cref="StableAfter"/> is trusted again. Pure: the caller supplies the clock.
/// </summary>
public sealed class CrashLoopPolicy
{
    private readonly List<DateTimeOffset> _deaths = [];
    private TimeSpan _backoff = TimeSpan.Zero;

    public int BurstLimit { get; init; } = 5;
    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Records a death at <paramref name="now"/> of a node that had run since <paramref name="startedAt"/>; returns how long to wait before starting it again.</summary>
    public TimeSpan OnDeath(DateTimeOffset now, DateTimeOffset startedAt)
    {
        if (now - startedAt >= StableAfter)
        {
            _deaths.Clear();
            _backoff = TimeSpan.Zero;
        }
        _deaths.Add(now);
        _deaths.RemoveAll(d => now - d > BurstWindow);
        if (_deaths.Count <= BurstLimit) return TimeSpan.Zero;
        _backoff = _backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxDelay.Ticks));
        return _backoff;
    }
}
