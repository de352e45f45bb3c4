using System.Buffers;

namespace Wiimmfi.Protocols.Common;

/// <summary>
/// Finds complete GameSpy text messages (<c>\key\value…\final\</c>) in a receive buffer.
/// </summary>
/// <remarks>
/// The GPCM and GPSP streams carry messages that end with the literal 7 bytes <c>\final\</c>.
/// A TCP read may hold half a message, several messages, or both; the caller keeps unconsumed
/// bytes and calls again after the next read. Keys and values never contain a backslash, so the
/// first <c>\final\</c> always ends the current message.
///
/// Invariants: nothing is copied; the returned body is a slice of the input without the
/// terminator; "need more bytes" and "too big" are return values, never exceptions.
///
/// What can go wrong: a peer that never sends <c>\final\</c> would make the buffer grow without
/// end, so every call takes a bound and answers <see cref="GameSpyFrameStatus.Oversized"/> as
/// soon as the bound is reached. Bytes that do not start with a backslash are still framed;
/// <see cref="GameSpyMessage.TryParse(ReadOnlySpan{byte}, out GameSpyMessage?, out GameSpyParseError)"/>
/// rejects them, and the front-end decides whether to drop them (AltWFC) or answer error 1.
/// </remarks>
public static class GameSpyFraming
{
    /// <summary>The message terminator.</summary>
    public static ReadOnlySpan<byte> Terminator => "\\final\\"u8;

    /// <summary>Length of <see cref="Terminator"/> in bytes.</summary>
    public const int TerminatorLength = 7;

    /// <summary>
    /// Default bound for one message, terminator included. The largest real messages are a GPCM
    /// login (~400 bytes), a status with a 189-byte locstring (~330 bytes) and a buddy message
    /// carrying a 0x200-byte match command (~700 bytes); 4 KiB leaves room for unknown but honest
    /// extensions while keeping a hostile peer's buffer small (WiiLink drops at 16 KiB of
    /// unprocessed input, openspy disconnects at 5000 bytes).
    /// </summary>
    public const int DefaultMaxMessageBytes = 4096;

    /// <summary>
    /// Looks for one complete message at the start of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">Unconsumed received bytes.</param>
    /// <param name="maxMessageBytes">Bound for one message including <c>\final\</c>.</param>
    /// <param name="body">On <see cref="GameSpyFrameStatus.Complete"/>: the message without its terminator.</param>
    /// <param name="consumed">On <see cref="GameSpyFrameStatus.Complete"/>: the position just after the terminator.</param>
    public static GameSpyFrameStatus FindMessage(
        in ReadOnlySequence<byte> buffer,
        int maxMessageBytes,
        out ReadOnlySequence<byte> body,
        out SequencePosition consumed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, TerminatorLength);

        // Only the first maxMessageBytes can hold a terminator that ends an acceptable message.
        var window = buffer.Length > maxMessageBytes ? buffer.Slice(0, maxMessageBytes) : buffer;
        var reader = new SequenceReader<byte>(window);
        if (reader.TryReadTo(out body, Terminator, advancePastDelimiter: true))
        {
            consumed = reader.Position;
            return GameSpyFrameStatus.Complete;
        }

        body = default;
        consumed = buffer.Start;
        return buffer.Length >= maxMessageBytes ? GameSpyFrameStatus.Oversized : GameSpyFrameStatus.NeedMoreBytes;
    }

    /// <summary>
    /// Span form of <see cref="FindMessage(in ReadOnlySequence{byte}, int, out ReadOnlySequence{byte}, out SequencePosition)"/>.
    /// </summary>
    /// <param name="buffer">Unconsumed received bytes.</param>
    /// <param name="maxMessageBytes">Bound for one message including <c>\final\</c>.</param>
    /// <param name="bodyLength">On success: length of the message without the terminator (the body is <c>buffer[..bodyLength]</c>).</param>
    /// <param name="consumed">On success: bytes to drop from the buffer, terminator included.</param>
    public static GameSpyFrameStatus FindMessage(
        ReadOnlySpan<byte> buffer,
        int maxMessageBytes,
        out int bodyLength,
        out int consumed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, TerminatorLength);

        var window = buffer.Length > maxMessageBytes ? buffer[..maxMessageBytes] : buffer;
        var index = window.IndexOf(Terminator);
        if (index >= 0)
        {
            bodyLength = index;
            consumed = index + TerminatorLength;
            return GameSpyFrameStatus.Complete;
        }

        bodyLength = 0;
        consumed = 0;
        return buffer.Length >= maxMessageBytes ? GameSpyFrameStatus.Oversized : GameSpyFrameStatus.NeedMoreBytes;
    }
}
