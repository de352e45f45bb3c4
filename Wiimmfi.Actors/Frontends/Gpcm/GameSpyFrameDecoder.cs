using System.Buffers;
using System.Globalization;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Actors.Frontends.Gpcm;

/// <summary>
/// Cuts a GPCM or GPSP byte stream into messages ending with <c>\final\</c> (the terminator is not part
/// of the frame). A message split over several reads waits for its end; several messages in one read
/// become several frames. A stream that reaches the bound without a terminator is malformed: the
/// connection cannot find its next message, so the handler answers GP error 1 and closes.
/// </summary>
public sealed class GameSpyFrameDecoder : IFrameDecoder
{
    private readonly int _maxMessageBytes;

    /// <param name="maxMessageBytes">Bound on one message including <c>\final\</c> (see <see cref="GameSpyFraming.DefaultMaxMessageBytes"/>).</param>
    public GameSpyFrameDecoder(int maxMessageBytes = GameSpyFraming.DefaultMaxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, GameSpyFraming.TerminatorLength + 1);
        _maxMessageBytes = maxMessageBytes;
    }

    /// <inheritdoc />
    public FrameDecodeStatus TryDecode(ref ReadOnlySequence<byte> buffer, out ReadOnlyMemory<byte> frame, out string? error)
    {
        frame = default;
        error = null;
        switch (GameSpyFraming.FindMessage(buffer, _maxMessageBytes, out var body, out var consumed))
        {
            case GameSpyFrameStatus.Complete:
                frame = body.ToArray();
                buffer = buffer.Slice(consumed);
                return FrameDecodeStatus.Frame;
            case GameSpyFrameStatus.Oversized:
                error = string.Create(CultureInfo.InvariantCulture, $"no \\final\\ within {_maxMessageBytes} bytes");
                return FrameDecodeStatus.Malformed;
            default:
                return FrameDecodeStatus.NeedMoreData;
        }
    }
}
