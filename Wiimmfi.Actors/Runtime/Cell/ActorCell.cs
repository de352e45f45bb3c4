using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. The runtime side of one actor: its mailbox, its current instance, its place in the
/// tree and everything the actor's <c>Context</c> offers.
///
/// <para><b>Life cycle</b> (every transition happens on the actor's own turn, driven by system messages):</para>
/// <code>
///   (new) ──Create──▶ Running ──Terminate──▶ Terminating ──children gone──▶ Terminated
///                      │  ▲
///            Recreate  ▼  │ children asked to stop are gone
///                    Recreating
/// </code>
/// <para>A failure suspends the cell (no user messages) and reports <see cref="Failed"/> to the parent,
/// whose strategy answers with Resume, Recreate or Terminate. Only the mailbox's run touches the cell's
/// fields, one thread at a time; the exceptions are the children map (other threads may create top-level
/// actors or resolve paths), which is guarded by a lock, and <see cref="IsTerminated"/>.</para>
///
/// <para><b>Memory.</b> An idle cell holds a handful of references; the parts only some actors need
/// (children, watchers, timers, stash, receive timeout, behaviour stack, logger) live in
/// <see cref="CellExtras"/>, allocated on first use.</para>
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? t_current;
    [ThreadStatic] private static ActorCell? t_constructing;

    private readonly ActorSystem _system;
    private readonly LocalActorRef _self;
    private readonly IInternalActorRef _parent;
    private readonly Props _props;
    private ActorBase? _actor;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private CellExtras? _extras;
    private CellState _state;
    private int _suspendCount;
    private bool _awaitingAsync;
    private bool _stashedCurrent; // the current message went into the stash: its receipt comes when it is processed again

    public ActorCell(ActorSystem system, ActorPath path, Props props, IInternalActorRef parent, int? throughput = null)
    {
        _system = system;
        _props = props;
        _parent = parent;
        _self = new LocalActorRef(path, this);
        Mailbox = new Mailbox(this, throughput ?? props.Throughput ?? system.Settings.DefaultThroughput);
    }

    internal Mailbox Mailbox { get; }
    internal ActorSystem System => _system;
    internal LocalActorRef Self => _self;
    internal ActorBase? Actor => _actor;
    internal bool IsTerminated => Mailbox.IsClosed;
    internal object? CurrentMessage => _currentMessage;

    /// <summary>True while user messages may run (consumer thread only).</summary>
    internal bool CanProcessUserMessages => _state == CellState.Running && _suspendCount == 0 && !_awaitingAsync && !_userMessagesHeld;

    /// <summary>The cell whose turn is running on this thread, if any.</summary>
    internal static ActorCell? Current => t_current;

    /// <summary>The implicit sender of a Tell made from inside an actor.</summary>
    internal static IActorRef? CurrentSelf => t_current?._self;

    internal static void EnterRun(ActorCell cell) => t_current = cell;
    internal static void ExitRun() => t_current = null;

    /// <summary>Called by the <see cref="ActorBase"/> constructor: the cell that is constructing it, once.</summary>
    internal static ActorCell? TakeConstructingCell()
    {
        var cell = t_constructing;
        t_constructing = null;
        return cell;
    }

    private CellExtras Extras
    {
        get
        {
            var extras = Volatile.Read(ref _extras);
            if (extras is not null) return extras;
            Interlocked.CompareExchange(ref _extras, new CellExtras(), null);
            return _extras!;
        }
    }

    // ----- IActorContext -----

    IActorRef IActorContext.Self => _self;
    public IActorRef Sender => _currentSender is null or NoSenderRef ? _system.DeadLetters : _currentSender;
    public IActorRef Parent => _parent;
    public Props Props => _props;
    ActorSystem IActorContext.System => _system;
    // Made on demand rather than kept: an idle actor (two or three per console) should not carry a logger.
    public ILogger Logger => new ActorLogger(_system.LoggerForActorType(_props.ActorType), _self.Path);

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var stack = Extras.RareState.Behaviours ??= [];
        if (stack.Count > 0) stack[^1] = receive;
        else stack.Add(receive);
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (Extras.RareState.Behaviours ??= []).Add(receive);
    }

    public void UnbecomeStacked()
    {
        if (_extras?.Rare?.Behaviours is { Count: > 0 } stack) stack.RemoveAt(stack.Count - 1);
    }

    // ----- messages -----

    /// <summary>Runs one user message (consumer thread).</summary>
    internal void Invoke(object message, IActorRef? sender)
    {
        _currentMessage = message;
        _currentSender = sender;
        try
        {
            if (_extras?.ReceiveTimeout is { } timeout && message is not INotInfluenceReceiveTimeout) timeout.Touch();
            if (message is IAutoReceivedMessage) AutoReceive(message);
            else ReceiveMessage(message);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, message);
        }
        finally
        {
            // A pending ReceiveAsync handler still needs its message and sender; its receipt waits too.
            if (!_awaitingAsync)
            {
                if (message is IDeliveryReceipt receipt && !_stashedCurrent) receipt.Delivered();
                _currentMessage = null;
                _currentSender = null;
            }
            _stashedCurrent = false;
        }
    }

    private void ReceiveMessage(object message)
    {
        var actor = _actor!;
        var behaviours = _extras?.Rare?.Behaviours;
        var handled = behaviours is { Count: > 0 } ? behaviours[^1](message) : actor.ReceiveInternal(message);
        if (!handled) actor.UnhandledInternal(message);
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case PoisonPill:
                _self.SendSystemMessage(new Terminate());
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, _self), _self);
                break;
            case DeathWatchTerminated watched:
                ReceivedTerminated(watched.Terminated);
                break;
            case TimerScheduler.TimerMessage timer:
                if (_actor is IWithTimers { Timers: TimerScheduler scheduler } && scheduler.Interpret(timer) is { } payload)
                {
                    _currentMessage = payload;
                    _currentSender = null;
                    ReceiveMessage(payload);
                }
                break;
            case ReceiveTimeoutState.Tick tick:
                if (_extras?.ReceiveTimeout is { } state && state.IsDue(tick))
                {
                    _currentMessage = Runtime.ReceiveTimeout.Instance;
                    _currentSender = null;
                    ReceiveMessage(Runtime.ReceiveTimeout.Instance);
                }
                break;
            default:
                ReceiveMessage(message);
                break;
        }
    }

    /// <summary>Runs one system message (consumer thread).</summary>
    internal void SystemInvoke(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create: CreateActor(); break;
                case Recreate r: FaultRecreate(r.Cause); break;
                case Suspend: FaultSuspend(); break;
                case Resume r: FaultResume(r.CausedByFailure); break;
                case Terminate: TerminateSelf(); break;
                case Watch w: AddWatcher(w.Watchee, w.Watcher); break;
                case Unwatch u: RemoveWatcher(u.Watchee, u.Watcher); break;
                case DeathWatchNotification d: WatchedActorTerminated(d.Actor, d.ExistenceConfirmed, d.AddressTerminated); break;
                case Failed f: HandleFailed(f); break;
                case RunContinuation c: RunContinuation(c); break;
                case AsyncHandlerCompleted a: AsyncHandlerFinished(a.Task); break;
                case RunCallback r: r.Run(); break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
        }
    }

    // ----- creation -----

    private ActorBase NewActorInstance()
    {
        ActorBase actor;
        t_constructing = this;
        try
        {
            actor = _props.NewActor();
        }
        finally
        {
            t_constructing = null;
        }
        if (!ReferenceEquals(actor.Cell, this))
            throw new ActorInitializationException(_self, $"The factory of {_props.ActorType} returned an actor that was not created by it (reuse of an instance?).");
        if (actor is IWithStash withStash) withStash.Stash = new ActorStash(this, _system.Settings.StashCapacity);
        if (actor is IWithTimers withTimers) withTimers.Timers = new TimerScheduler(this);
        actor.OnInstanceCreated();
        return actor;
    }

    private void CreateActor()
    {
        if (_state != CellState.New) return;
        try
        {
            var actor = NewActorInstance();
            _actor = actor;
            _state = CellState.Running;
            actor.PreStartInternal();
        }
        catch (Exception e)
        {
            _state = CellState.Running;
            HandleInvokeFailure(e as ActorInitializationException ?? new ActorInitializationException(_self, $"Exception while creating actor {_self.Path} ({_props.ActorType.Name}): {e.Message}", e), null);
        }
    }

    // ----- async handlers -----

    /// <summary>
    /// A ReceiveAsync handler returned a task that has not finished: no user message runs until it does.
    /// Its continuations come back as <see cref="RunContinuation"/> system messages, so they run inside
    /// the actor, one at a time, with the same Sender.
    /// </summary>
    internal void AwaitAsyncHandler(Task task)
    {
        if (task.IsCompleted)
        {
            if (task.Exception is { } error) throw Unwrap(error);
            if (task.IsCanceled) throw new TaskCanceledException(task);
            return;
        }
        _awaitingAsync = true;
        var self = _self;
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => self.SendSystemMessage(new AsyncHandlerCompleted(task)));
    }

    private void AsyncHandlerFinished(Task task)
    {
        if (!_awaitingAsync) return;
        _awaitingAsync = false;
        var message = _currentMessage;
        if (message is IDeliveryReceipt receipt) receipt.Delivered();
        try
        {
            if (task.Exception is { } error) HandleInvokeFailure(Unwrap(error), message);
            else if (task.IsCanceled) HandleInvokeFailure(new TaskCanceledException(task), message);
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }
    }

    private void RunContinuation(RunContinuation continuation)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(SyncContext);
        try
        {
            continuation.Run();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>The synchronization context that routes awaits of this actor back into its mailbox.</summary>
    // Made per async handler (it only remembers Self): not kept, so an idle actor does not carry one.
    internal SynchronizationContext SyncContext => new ActorSynchronizationContext(_self);

    private static Exception Unwrap(AggregateException error) =>
        error.InnerExceptions.Count == 1 ? error.InnerExceptions[0] : error;

    internal void PublishUnhandled(object message)
    {
        _system.MetricsInternal.Unhandled();
        var sender = Sender;
        _system.EventStream.Publish(new UnhandledMessage(message, sender, _self));
        if (_system.Settings.LogUnhandledMessages) RuntimeLog.UnhandledMessage(_system.Logger, message.GetType().Name, _self.Path, sender.Path);
    }

    internal void MarkCurrentMessageStashed() => _stashedCurrent = true;

    internal void MarkSubscribedToEventStream() => Extras.RareState.SubscribedToEventStream = true;

    public override string ToString() => $"ActorCell({_self.Path})";
}

/// <summary>INTERNAL API. The states of a cell (see the diagram on <see cref="ActorCell"/>).</summary>
internal enum CellState : byte
{
    New = 0,
    Running = 1,
    Recreating = 2,
    Terminating = 3,
    Terminated = 4,
}
