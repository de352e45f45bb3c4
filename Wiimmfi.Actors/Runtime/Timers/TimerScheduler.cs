namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. The timers of one actor instance. Each active timer is one scheduler entry (a
/// <see cref="ITimer"/> of the system's clock) that tells the actor a pre-built
/// <see cref="TimerMessage"/>; the cell hands the payload to the actor only if the key still maps to
/// that generation. An actor without active timers holds only this small object.
/// </summary>
internal sealed class TimerScheduler : ITimerScheduler
{
    private readonly ActorCell _cell;
    private SmallMap<object, ActiveTimer>? _timers; // usually one timer (a keep-alive): no dictionary
    private int _generation;

    public TimerScheduler(ActorCell cell) => _cell = cell;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) => Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers is not null && _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers is not null && _timers.Remove(key, out var timer)) timer.Schedule.Cancel();
    }

    public void CancelAll()
    {
        if (_timers is null) return;
        foreach (var timer in _timers.ValuesToArray()) timer.Schedule.Cancel();
        _timers.Clear();
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (interval is { } i && i <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "A periodic timer needs a positive interval.");
        Cancel(key);
        var timerMessage = new TimerMessage(key, ++_generation, message, this);
        var scheduler = _cell.System.Scheduler;
        var schedule = interval is { } period
            ? scheduler.ScheduleTellRepeatedly(delay, period, _cell.Self, timerMessage, ActorRefs.NoSender)
            : scheduler.ScheduleTellOnce(delay, _cell.Self, timerMessage, ActorRefs.NoSender);
        (_timers ??= new()).Set(key, new ActiveTimer(timerMessage.Generation, schedule, interval is not null));
    }

    /// <summary>The payload to deliver, or null when the timer was cancelled or replaced since.</summary>
    internal object? Interpret(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this) || _timers is null) return null;
        if (!_timers.TryGetValue(message.Key, out var timer) || timer.Generation != message.Generation) return null;
        if (!timer.Periodic) _timers.Remove(message.Key);
        return message.Message;
    }

    private readonly record struct ActiveTimer(int Generation, ICancelable Schedule, bool Periodic);

    internal sealed class TimerMessage(object key, int generation, object message, TimerScheduler owner) : IAutoReceivedMessage
    {
        public object Key { get; } = key;
        public int Generation { get; } = generation;
        public object Message { get; } = message;
        public TimerScheduler Owner { get; } = owner;

        // Influences the receive timeout unless the payload says otherwise, as a direct message would.
        public override string ToString() => $"Timer({Key}, {Message})";
    }
}
