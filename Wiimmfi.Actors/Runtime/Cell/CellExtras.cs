namespace Wiimmfi.Actors.Runtime;

/// <summary>INTERNAL API. The optional parts of a cell, allocated on first use.</summary>
internal sealed class CellExtras
{
    public SmallMap<string, LocalActorRef>? Children; // guarded by lock(this)
    public long ChildNameCounter;
    public SmallMap<IInternalActorRef, object?>? Watching;
    public SmallMap<IInternalActorRef, bool>? WatchedBy;
    public SmallMap<IActorRef, object?>? TerminatedQueued;
    public ReceiveTimeoutState? ReceiveTimeout;

    /// <summary>Failure handling, Context.Become and event-stream state: most actors never need them.</summary>
    public CellRareState? Rare;

    public CellRareState RareState => Rare ??= new CellRareState();
}

/// <summary>INTERNAL API. The parts of a cell that only failing, supervising, becoming or subscribing actors use.</summary>
internal sealed class CellRareState
{
    public HashSet<LocalActorRef>? ChildrenToDie;
    public Dictionary<IActorRef, ChildRestartStats>? RestartStats;
    public Exception? RecreateCause;
    public bool Failed;
    public object? FailedMessage;
    public List<Receive>? Behaviours;
    public SupervisorStrategy? Strategy;
    public bool SubscribedToEventStream;
}
