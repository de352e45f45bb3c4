namespace Wiimmfi.Actors.Runtime;

internal sealed partial class ActorCell
{
    // Set by a persistent actor while it recovers or waits for a Persist to become durable.
    private bool _userMessagesHeld;

    /// <summary>
    /// INTERNAL API (persistence). No user message runs until <see cref="ReleaseUserMessages"/>; they
    /// wait in the mailbox in their order, while system messages (continuations, stop, supervision)
    /// still run. This is how a persistent actor "stashes" commands during recovery and during a
    /// Persist without copying them anywhere. Consumer thread only; a restart clears it.
    /// </summary>
    internal void HoldUserMessages() => _userMessagesHeld = true;

    /// <summary>INTERNAL API (persistence). Lets user messages run again (consumer thread only).</summary>
    internal void ReleaseUserMessages() => _userMessagesHeld = false;

    /// <summary>INTERNAL API (persistence). Whether user messages are held.</summary>
    internal bool UserMessagesHeld => _userMessagesHeld;

    /// <summary>
    /// INTERNAL API (persistence). Sets what <c>Sender</c> returns while a persist handler runs (the
    /// sender of the command that persisted), and clears it again with null.
    /// </summary>
    internal void SetCurrentSender(IActorRef? sender) => _currentSender = sender;

    /// <summary>
    /// INTERNAL API (persistence). Runs <paramref name="callback"/> on this actor's turn, even while user
    /// messages are held (any thread may call it). Unlike an await continuation it needs no
    /// synchronization context (so an idle persistent actor does not carry one), and it is dropped,
    /// not run, if the actor has stopped by then.
    /// </summary>
    internal void PostCallback(SendOrPostCallback callback, object? state) => _self.SendSystemMessage(new RunCallback(callback, state));
}

/// <summary>INTERNAL API (persistence). A callback to run on an actor's turn (see <see cref="ActorCell.PostCallback"/>).</summary>
internal sealed class RunCallback(SendOrPostCallback callback, object? state) : SystemMessage
{
    public void Run() => callback(state);
}
