using System.Diagnostics.Metrics;

namespace Wiimmfi.Actors.Sessions;

/// <summary>
/// Counters of the console sessions, on the <c>Wiimmfi.Sessions</c> meter and as plain numbers for
/// the management API.
/// </summary>
public sealed class SessionMetrics
{
    private static readonly Meter SessionsMeter = new("Wiimmfi.Sessions");
    private static readonly Counter<long> LoginsInstrument = SessionsMeter.CreateCounter<long>("wiimmfi.sessions.logins");
    private static readonly Counter<long> ReplacedInstrument = SessionsMeter.CreateCounter<long>("wiimmfi.sessions.replaced_by_second_login");
    private static readonly Counter<long> KicksInstrument = SessionsMeter.CreateCounter<long>("wiimmfi.sessions.kicks");
    private static readonly Counter<long> StatusesInstrument = SessionsMeter.CreateCounter<long>("wiimmfi.sessions.statuses_delivered");
    private static readonly Counter<long> RelayedInstrument = SessionsMeter.CreateCounter<long>("wiimmfi.sessions.buddy_messages_relayed");
    private static readonly Counter<long> BouncedInstrument = SessionsMeter.CreateCounter<long>("wiimmfi.sessions.buddy_messages_bounced");
    private static readonly Counter<long> StoreFailuresInstrument = SessionsMeter.CreateCounter<long>("wiimmfi.sessions.store_failures");

    private long _logins;
    private long _replaced;
    private long _kicks;
    private long _statuses;
    private long _relayed;
    private long _bounced;
    private long _storeFailures;
    private long _recovered;
    private long _resumed;

    /// <summary>Logins accepted.</summary>
    public long Logins => Interlocked.Read(ref _logins);

    /// <summary>Sessions kicked because the same profile logged in again (GP error 6).</summary>
    public long ReplacedBySecondLogin => Interlocked.Read(ref _replaced);

    /// <summary>Sessions kicked by moderation.</summary>
    public long Kicks => Interlocked.Read(ref _kicks);

    /// <summary>Presence updates delivered to consoles.</summary>
    public long StatusesDelivered => Interlocked.Read(ref _statuses);

    /// <summary>Buddy messages delivered to their target.</summary>
    public long BuddyMessagesRelayed => Interlocked.Read(ref _relayed);

    /// <summary>Buddy messages refused (target offline, not mutual, other game).</summary>
    public long BuddyMessagesBounced => Interlocked.Read(ref _bounced);

    /// <summary>Sessions recovered from the journal as online whose connection belonged to an earlier process (dormant).</summary>
    public long RecoveredDormant => Interlocked.Read(ref _recovered);

    /// <summary>Dormant sessions taken back by their own connection after a smart restart.</summary>
    public long SessionsResumed => Interlocked.Read(ref _resumed);

    /// <summary>Store calls of sessions that failed (the console got an error; nothing stored was changed half-way).</summary>
    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    internal void Recovered() => Interlocked.Increment(ref _recovered);

    internal void Resumed() => Interlocked.Increment(ref _resumed);

    internal void Login() => Count(ref _logins, LoginsInstrument);

    internal void Replaced() => Count(ref _replaced, ReplacedInstrument);

    internal void Kick() => Count(ref _kicks, KicksInstrument);

    internal void StatusDelivered() => Count(ref _statuses, StatusesInstrument);

    internal void Relayed() => Count(ref _relayed, RelayedInstrument);

    internal void Bounced() => Count(ref _bounced, BouncedInstrument);

    internal void StoreFailure() => Count(ref _storeFailures, StoreFailuresInstrument);

    private static void Count(ref long field, Counter<long> instrument)
    {
        Interlocked.Increment(ref field);
        instrument.Add(1);
    }
}
