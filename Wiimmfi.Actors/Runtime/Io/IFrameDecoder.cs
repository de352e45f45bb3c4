using System.Buffers;

namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>Outcome of one attempt to cut a frame from the bytes read so far.</summary>
public enum FrameDecodeStatus
{
    /// <summary>No complete frame yet: read more bytes (the buffer is left untouched).</summary>
    NeedMoreData,
    /// <summary>A frame was cut; the buffer was advanced past it.</summary>
    Frame,
    /// <summary>The input breaks the framing rules; the connection cannot continue.</summary>
    Malformed,
}

/// <summary>
/// Cuts a protocol's byte stream into frames (GameSpy <c>\final\</c>-terminated messages, length-prefixed
/// server-browser requests, node-to-node frames…). Implementations are per connection, may keep state, and
/// must bound every frame they are willing to buffer.
/// </summary>
public interface IFrameDecoder
{
    /// <summary>
    /// Tries to cut one frame from the front of <paramref name="buffer"/>. On <see cref="FrameDecodeStatus.Frame"/>
    /// the frame's bytes are copied into <paramref name="frame"/> and <paramref name="buffer"/> is sliced past
    /// them. On <see cref="FrameDecodeStatus.Malformed"/>, <paramref name="error"/> says why.
    /// </summary>
    FrameDecodeStatus TryDecode(ref ReadOnlySequence<byte> buffer, out ReadOnlyMemory<byte> frame, out string? error);
}
