using System.Buffers;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Protocols.ServerBrowser;

namespace Wiimmfi.Actors.Frontends.ServerBrowser;

/// <summary>
/// Cuts the server-browser request stream into requests by their length prefix (<see cref="SbRequestFramer"/>):
/// a frame may arrive in pieces (the SDK writes a SEND_MESSAGE's head and data separately) or several in one
/// read. A length field outside 3..<see cref="SbLimits.MaxRequestLength"/> is malformed and ends the connection.
/// </summary>
public sealed class SbFrameDecoder : IFrameDecoder
{
    public FrameDecodeStatus TryDecode(ref ReadOnlySequence<byte> buffer, out ReadOnlyMemory<byte> frame, out string? error)
    {
        frame = default;
        error = null;
        switch (SbRequestFramer.TryReadFrame(buffer, out var slice))
        {
            case SbFrameStatus.Complete:
                frame = slice.ToArray();
                buffer = buffer.Slice(slice.End);
                return FrameDecodeStatus.Frame;
            case SbFrameStatus.Invalid:
                error = $"request length field outside 3..{SbLimits.MaxRequestLength}";
                return FrameDecodeStatus.Malformed;
            default:
                return FrameDecodeStatus.NeedMoreData;
        }
    }
}
