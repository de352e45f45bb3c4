namespace Wiimmfi.Actors.Runtime;

/// <summary>An actor with keyed timers: the runtime sets <see cref="Timers"/> right after the constructor (use it from PreStart and handlers).</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}

/// <summary>
/// Keyed timers that send a message to the actor itself. Starting a key again replaces its timer;
/// the message of a cancelled or replaced timer is never delivered, even if it was already queued
/// (each timer carries a generation that is checked on arrival). All timers stop with the actor and on
/// restart.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> once after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> every <paramref name="interval"/>, the first after one interval.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>True while the timer with this key is active (a single timer until its message is delivered).</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with this key, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer of the actor.</summary>
    void CancelAll();
}
