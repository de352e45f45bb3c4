namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. Installed while a ReceiveAsync handler runs: every <c>await</c> continuation is posted
/// back to the actor's mailbox as a system message, so the code after an await runs inside the actor
/// (one thread at a time, same Self and Sender), never concurrently with it.
/// </summary>
internal sealed class ActorSynchronizationContext(IInternalActorRef self) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => self.SendSystemMessage(new RunContinuation(d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send into an actor would deadlock; use Post.");

    public override SynchronizationContext CreateCopy() => this;
}
