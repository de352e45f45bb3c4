namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// A message that wants to know when it has been dealt with: the cell calls <see cref="Delivered"/> after the
/// recipient's behaviour has processed it (whether it succeeded, failed or was unhandled; for a ReceiveAsync
/// handler, when its task has finished; for a stashed message, when it is processed after unstashing), and
/// dead letters call it when the message could not be delivered — so exactly once per message. The Io layer uses it to return read credits, so socket
/// reading slows to the pace of the actor that handles the frames. Keep implementations tiny and thread-safe.
/// </summary>
public interface IDeliveryReceipt
{
    void Delivered();
}
