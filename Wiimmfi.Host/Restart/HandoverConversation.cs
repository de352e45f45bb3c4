using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Wiimmfi.Actors.Runtime.Io.Handover;

namespace Wiimmfi.Host.Restart;

/// <summary>Typed messages on a hand-over channel: JSON payloads, descriptors attached, Abort and EOF as errors.</summary>
internal sealed class HandoverConversation(UnixFdChannel channel) : IDisposable
{
    public UnixFdChannel Channel => channel;

    public void Send<T>(HandoverMessageKind kind, T message, JsonTypeInfo<T> type, ReadOnlySpan<int> descriptors = default) =>
        channel.Send((byte)kind, JsonSerializer.SerializeToUtf8Bytes(message, type), descriptors);

    public void Abort(string reason)
    {
        try { Send(HandoverMessageKind.Abort, new AbortMessage(reason), HandoverJsonContext.Default.AbortMessage); }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { /* the other side is gone already */ }
    }

    /// <summary>Receives the next message, which must be <paramref name="kind"/>.</summary>
    public (T Message, int[] Descriptors) Receive<T>(HandoverMessageKind kind, JsonTypeInfo<T> type)
    {
        var frame = channel.Receive() ?? throw new HandoverFailedException("the other process closed the hand-over channel");
        if ((HandoverMessageKind)frame.Kind == HandoverMessageKind.Abort)
        {
            foreach (var fd in frame.Descriptors) SocketDescriptors.Close(fd);
            var abort = JsonSerializer.Deserialize(frame.Payload, HandoverJsonContext.Default.AbortMessage);
            throw new HandoverFailedException("the other process gave up: " + abort?.Reason);
        }
        if ((HandoverMessageKind)frame.Kind != kind)
        {
            foreach (var fd in frame.Descriptors) SocketDescriptors.Close(fd);
            throw new HandoverFailedException($"expected {kind} but got {(HandoverMessageKind)frame.Kind}");
        }
        var message = JsonSerializer.Deserialize(frame.Payload, type) ?? throw new HandoverFailedException($"empty {kind} message");
        return (message, frame.Descriptors);
    }

    public void Dispose() => channel.Dispose();
}

/// <summary>A smart restart could not go on; the message says why.</summary>
public sealed class HandoverFailedException(string message, Exception? inner = null) : Exception(message, inner);
