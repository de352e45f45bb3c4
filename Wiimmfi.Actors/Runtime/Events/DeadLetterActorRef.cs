namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. <c>/deadLetters</c>: where undeliverable messages go. Each one is counted, published
/// on the event stream as <see cref="DeadLetter"/> and logged — the first
/// <see cref="ActorSystemSettings.DeadLetterLogLimit"/> of them, then nothing for
/// <see cref="ActorSystemSettings.DeadLetterLogSuspendDuration"/>, then again — so a flood of them
/// cannot flood the log. Messages marked <see cref="IDeadLetterSuppression"/> are counted and published
/// but never logged.
/// </summary>
internal sealed class DeadLetterActorRef : ActorRefBase
{
    private readonly ActorSystem _system;
    private readonly ActorPath _path;
    private int _loggedInWindow;
    private long _windowEndsAt;

    public DeadLetterActorRef(ActorSystem system, ActorPath path)
    {
        _system = system;
        _path = path;
    }

    public override ActorPath Path => _path;
    public ActorSystem System => _system;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is DeadLetter letter) Publish(letter.Message, letter.Sender, letter.Recipient);
        else Publish(message, sender ?? ActorCell.CurrentSelf, this);
    }

    public override void SendSystemMessage(SystemMessage message) => DeadSystemMessages.Handle(this, message);

    public void Publish(object message, IActorRef? sender, IActorRef recipient)
    {
        if (message is IDeliveryReceipt receipt) receipt.Delivered();
        _system.MetricsInternal.DeadLetter();
        // A dead letter that could not be delivered to a (dead) subscriber is only counted: publishing
        // it again would loop.
        if (message is DeadLetter) return;
        var from = sender is null or NoSenderRef ? (IActorRef)this : sender;
        _system.EventStream.Publish(new DeadLetter(message, from, recipient));
        if (message is not IDeadLetterSuppression) MaybeLog(message, from, recipient);
    }

    private void MaybeLog(object message, IActorRef sender, IActorRef recipient)
    {
        var limit = _system.Settings.DeadLetterLogLimit;
        if (limit == 0) return;
        var clock = _system.Settings.TimeProvider;
        var now = clock.GetTimestamp();
        var windowEnd = Volatile.Read(ref _windowEndsAt);
        if (windowEnd != 0)
        {
            if (now < windowEnd) return;
            if (Interlocked.CompareExchange(ref _windowEndsAt, 0, windowEnd) == windowEnd) Volatile.Write(ref _loggedInWindow, 0);
        }
        var n = Interlocked.Increment(ref _loggedInWindow);
        if (n > limit) return;
        var suspend = _system.Settings.DeadLetterLogSuspendDuration;
        RuntimeLog.DeadLetter(_system.Logger, message.GetType().Name, sender.Path, recipient.Path, n, limit);
        if (n == limit)
        {
            var ticks = (long)(suspend.TotalSeconds * clock.TimestampFrequency);
            Volatile.Write(ref _windowEndsAt, now + Math.Max(1, ticks));
            RuntimeLog.DeadLettersSuppressed(_system.Logger, suspend);
        }
    }
}
