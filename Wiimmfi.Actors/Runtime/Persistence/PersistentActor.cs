namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// An event-sourced actor (Akka's <c>ReceivePersistentActor</c>): its state is rebuilt from its journal
/// when it starts, and every change is an event that is made durable before it is applied.
///
/// <para><b>Writing one.</b> Name the stream (<see cref="PersistenceId"/>), register recover handlers
/// (<see cref="Recover{T}(Action{T})"/>: events, <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>)
/// and command handlers (<see cref="Command{T}(Action{T})"/>) in the constructor. A command handler
/// decides; it calls <see cref="Persist{TEvent}"/> with the event and the code that applies it, which
/// runs once the event is durable. Events and snapshots are immutable records with a <c>[WireName]</c>.
/// Switch command handlers with this class's <see cref="Become"/>, never <c>Context.Become</c> (which
/// would bypass the persistence machinery).</para>
///
/// <para><b>Life cycle</b> (every transition on the actor's own turn):</para>
/// <code>
///   start ──▶ Recovering ──snapshot + events applied, RecoveryCompleted──▶ Running ◀──┐
///               │ (waits for a recovery slot;                               │ Persist │ handlers ran
///               │  commands wait in the mailbox)                            ▼         │
///               │                                               Running, commands held ┘
///               └──failure──▶ Stopped ◀──a write failed or was refused── (any write)
/// </code>
///
/// <para><b>Invariants.</b> No command sees state that is not durable: from the end of a command that
/// called <see cref="Persist{TEvent}"/> (or <see cref="PersistAll{TEvent}"/>) until every such handler
/// ran, later messages wait in the mailbox in their order — also during recovery, so nothing is copied
/// or lost. <see cref="PersistAsync{TEvent}"/> does not hold messages back; its handlers still run in
/// persist order. A persist handler sees the command's <c>Sender</c>. At most one journal request of
/// this actor is in flight, so its events land in order; events persisted meanwhile go out together
/// in the next request.</para>
///
/// <para><b>What can go wrong.</b> A write that fails or is refused (another writer took the sequence
/// number, the journal is down or overloaded) logs <see cref="OnPersistFailure"/> and stops the actor:
/// whether the write landed is unknown, so only a fresh recovery knows the true state (Akka's rule;
/// sharding starts it again on the next message). An event that cannot be serialized is rejected
/// before anything is written (<see cref="OnPersistRejected"/>): its handler does not run and the actor
/// goes on. A recovery that fails (unreadable event, database down, a recover handler throws) logs
/// <see cref="OnRecoveryFailure"/> and stops the actor. A handler that throws fails the actor like any
/// other; the default supervision restarts it, and the new instance recovers from the journal. Do not
/// resume a failed persistent actor.</para>
/// </summary>
public abstract partial class PersistentActor : ActorBase
{
    private enum Phase : byte
    {
        Created = 0,
        Recovering = 1,
        Running = 2,
        Stopped = 3,
    }

    private HandlerSet.Builder? _recoverBuilding = new();
    private HandlerSet.Builder? _commandBuilding = new();
    private HandlerSet _recover = HandlerSet.Empty;
    private HandlerSet _commands = HandlerSet.Empty;
    private Persistence? _persistence;
    private string _persistenceId = "";
    private Phase _phase;
    private long _lastSequenceNr;

    /// <summary>The id of this actor's event stream, stable across restarts (e.g. <c>session-12345</c>).</summary>
    public abstract string PersistenceId { get; }

    /// <summary>
    /// The sequence number of the last event applied: during recovery the one being replayed, then the
    /// highest in the journal, in a persist handler the one being handled.
    /// </summary>
    public long LastSequenceNr => _lastSequenceNr;

    /// <summary>The sequence number a snapshot taken now covers (<see cref="LastSequenceNr"/>).</summary>
    public long SnapshotSequenceNr => _lastSequenceNr;

    /// <summary>True until <see cref="RecoveryCompleted"/> has been handled.</summary>
    public bool IsRecovering => _phase is Phase.Created or Phase.Recovering;

    /// <summary>True once recovery has finished.</summary>
    public bool IsRecoveryFinished => _phase is Phase.Running;

    /// <summary>How this actor recovers; override to start from an older snapshot or skip recovery. Default: <see cref="Recovery.Default"/>.</summary>
    protected virtual Recovery Recovery => Recovery.Default;

    /// <summary>The configured hint: save a snapshot every this many events (<see cref="PersistenceSettings.SnapshotEvery"/>).</summary>
    protected int SnapshotEvery => Extension.Settings.SnapshotEvery;

    private Persistence Extension => _persistence ?? throw new InvalidOperationException("The persistent actor has not started yet.");

    // ----- handler registration -----

    /// <summary>Handles <typeparamref name="T"/> during recovery (events, <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>). Constructor only.</summary>
    protected void Recover<T>(Action<T> handler) => AddRecover(HandlerSet.Entry.Sync(handler, null));

    /// <summary>Handles <typeparamref name="T"/> during recovery when <paramref name="shouldHandle"/> accepts it. Constructor only.</summary>
    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle) => AddRecover(HandlerSet.Entry.Sync(handler, shouldHandle));

    /// <summary>Handles anything no earlier recover handler took. Constructor only.</summary>
    protected void RecoverAny(Action<object> handler) => AddRecover(HandlerSet.Entry.Sync(handler, null));

    /// <summary>Handles command <typeparamref name="T"/> once recovered. In the constructor or inside <see cref="Become"/>.</summary>
    protected void Command<T>(Action<T> handler) => AddCommand(HandlerSet.Entry.Sync(handler, null));

    /// <summary>Handles command <typeparamref name="T"/> when <paramref name="shouldHandle"/> accepts it.</summary>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle) => AddCommand(HandlerSet.Entry.Sync(handler, shouldHandle));

    /// <summary>
    /// Handles command <typeparamref name="T"/> with an async handler (store calls): no other command runs until its
    /// task completes; its continuations run on the actor's turn, and what it persists after an <c>await</c> goes to
    /// the journal when the task completes (persist handlers then run as usual).
    /// </summary>
    protected void CommandAsync<T>(Func<T, Task> handler) => AddCommand(HandlerSet.Entry.Async(handler, null));

    /// <summary>Handles any command no earlier handler took.</summary>
    protected void CommandAny(Action<object> handler) => AddCommand(HandlerSet.Entry.Sync(handler, null));

    /// <summary>Replaces the command handlers with those <paramref name="configure"/> registers (recover handlers stay).</summary>
    protected void Become(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var outer = _commandBuilding;
        var builder = new HandlerSet.Builder();
        _commandBuilding = builder;
        var recoverOuter = _recoverBuilding;
        _recoverBuilding = null;
        try
        {
            configure();
        }
        finally
        {
            _commandBuilding = outer;
            _recoverBuilding = recoverOuter;
        }
        _commands = builder.Build(this);
    }

    private void AddRecover(HandlerSet.Entry entry) =>
        (_recoverBuilding ?? throw new InvalidOperationException("Recover handlers can only be registered in the constructor.")).Add(entry);

    private void AddCommand(HandlerSet.Entry entry) =>
        (_commandBuilding ?? throw new InvalidOperationException("Command handlers can only be registered in the constructor or inside Become.")).Add(entry);

    internal override void OnInstanceCreated()
    {
        _recover = _recoverBuilding?.Build(this) ?? HandlerSet.Empty;
        _commands = _commandBuilding?.Build(this) ?? HandlerSet.Empty;
        _recoverBuilding = null;
        _commandBuilding = null;
    }

    // ----- dispatch -----

    protected sealed override bool Receive(object message)
    {
        // Commands only arrive while Running: during recovery and persists they are held in the mailbox.
        if (_phase != Phase.Running) return false;
        var mark = MarkJournalBatch();
        bool handled;
        try
        {
            handled = _commands.TryHandle(this, message, out var pending);
            if (pending is not null) Cell.AwaitAsyncHandler(pending.IsCompleted ? pending : FlushWhenFinished(pending));
        }
        catch
        {
            // As in Akka: events persisted by a command that then failed are never written.
            DiscardJournalBatchSince(mark);
            throw;
        }
        FlushJournalBatch();
        return handled;
    }

    /// <summary>
    /// What an async command persists after its first <c>await</c> goes to the journal when its task completes, on the
    /// actor's turn (the continuation is posted to the cell's synchronization context). A failed task flushes nothing.
    /// </summary>
    private Task FlushWhenFinished(Task pending)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(Cell.SyncContext);
        try
        {
            return Flush(pending);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        async Task Flush(Task task)
        {
            await task;
            FlushJournalBatch();
        }
    }

    private void InvokeRecover(object message)
    {
        if (_recover.TryHandle(this, message, out _)) return;
        if (message is not (RecoveryCompleted or SnapshotOffer))
            PersistenceLog.RecoveryUnhandled(Context.Logger, _persistenceId, message.GetType().Name);
    }

    // ----- failure hooks -----

    /// <summary>
    /// A write of this actor failed or was refused (<paramref name="event"/> is its first event). Default:
    /// log an error. The actor is stopped after this returns, whatever an override does.
    /// </summary>
    protected virtual void OnPersistFailure(Exception cause, object? @event, long sequenceNr) =>
        PersistenceLog.PersistFailed(Context.Logger, _persistenceId, @event?.GetType().Name ?? "(unknown)", sequenceNr, cause);

    /// <summary>An event could not be serialized and was not written; its handler does not run. Default: log a warning. The actor goes on.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        PersistenceLog.PersistRejected(Context.Logger, _persistenceId, @event.GetType().Name, sequenceNr, cause);

    /// <summary>Recovery failed (<paramref name="event"/> is what was being applied, if anything). Default: log an error. The actor is stopped after this returns.</summary>
    protected virtual void OnRecoveryFailure(Exception cause, object? @event) =>
        PersistenceLog.RecoveryFailed(Context.Logger, _persistenceId, @event?.GetType().Name ?? "(loading)", cause);

    // ----- life cycle -----

    internal override void OnAfterStart() => StartRecovery();

    internal override void OnAfterRestart() => StartRecovery();

    internal override void OnBeforeRestart() => Shutdown();

    internal override void OnStopped() => Shutdown();

    private void Shutdown()
    {
        var wasRunning = _phase == Phase.Running;
        _phase = Phase.Stopped;
        CancelRecovery();
        HandOverUnsentEvents(wasRunning);
    }

    /// <summary>True when this code runs on this instance's own turn (not a late callback of a dead or replaced instance).</summary>
    private bool IsOwnTurn() => ReferenceEquals(ActorCell.Current, Cell) && ReferenceEquals(Cell.Actor, this);

    /// <summary>Holds user messages while recovering or while a stashing persist waits; lets them run otherwise.</summary>
    private void UpdateHold()
    {
        if (_phase == Phase.Recovering || (_phase == Phase.Running && _stashingInvocations > 0)) Cell.HoldUserMessages();
        else if (_phase == Phase.Running) Cell.ReleaseUserMessages();
    }

    /// <summary>Stops this actor after a persist or recovery failure; held messages become dead letters.</summary>
    private void StopSelf()
    {
        _phase = Phase.Stopped;
        CancelRecovery();
        Context.Stop(Self);
    }
}
