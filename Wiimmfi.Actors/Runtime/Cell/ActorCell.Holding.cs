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
}
