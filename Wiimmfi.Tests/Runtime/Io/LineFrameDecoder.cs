using System.Buffers;
using Wiimmfi.Actors.Runtime.Io;

namespace Wiimmfi.Tests.Runtime.Io;

/// <summary>A newline-terminated framing for the Io tests; lines longer than the bound are malformed.</summary>
internal sealed class LineFrameDecoder(int maxLineLength = 64) : IFrameDecoder
{
    public FrameDecodeStatus TryDecode(ref ReadOnlySequence<byte> buffer, out ReadOnlyMemory<byte> frame, out string? error)
    {
        frame = default;
        error = null;
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            if (buffer.Length > maxLineLength)
            {
                error = $"line longer than {maxLineLength} bytes";
                return FrameDecodeStatus.Malformed;
            }
            return FrameDecodeStatus.NeedMoreData;
        }
        var line = buffer.Slice(0, position.Value);
        if (line.Length > maxLineLength)
        {
            error = $"line longer than {maxLineLength} bytes";
            return FrameDecodeStatus.Malformed;
        }
        frame = line.ToArray();
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return FrameDecodeStatus.Frame;
    }
}
