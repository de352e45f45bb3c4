namespace Wiimmfi.Actors.Runtime;

/// <summary>A message with its sender, as it sits in a mailbox or a stash.</summary>
public readonly record struct Envelope(object Message, IActorRef? Sender);

/// <summary>INTERNAL API. One link of a mailbox queue (one allocation per message).</summary>
internal sealed class MessageNode
{
    public object? Message;
    public IActorRef? Sender;
    public MessageNode? Next;
}
