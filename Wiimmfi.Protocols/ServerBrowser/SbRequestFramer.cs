using System.Buffers;
using System.Buffers.Binary;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// Splits the client→server byte stream into requests: each starts with its total length (u16 BE, including the
/// two length bytes). A TCP read may hold part of a request or several; the SDK even writes a SEND_MESSAGE's
/// head and data with two <c>send</c> calls.
/// </summary>
public static class SbRequestFramer
{
    /// <summary>Looks at the start of <paramref name="buffer"/> for one whole request.</summary>
    /// <param name="buffer">Received, not yet consumed bytes.</param>
    /// <param name="frameLength">The request's total length when <see cref="SbFrameStatus.Complete"/>.</param>
    public static SbFrameStatus TryReadFrame(ReadOnlySpan<byte> buffer, out int frameLength)
    {
        frameLength = 0;
        if (buffer.Length < 2)
            return SbFrameStatus.NeedMoreData;
        int length = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        if (length is < SbLimits.MinRequestLength or > SbLimits.MaxRequestLength)
            return SbFrameStatus.Invalid;
        if (buffer.Length < length)
            return SbFrameStatus.NeedMoreData;
        frameLength = length;
        return SbFrameStatus.Complete;
    }

    /// <summary>The same for a pipeline buffer; <paramref name="frame"/> is a slice of it (no copy).</summary>
    public static SbFrameStatus TryReadFrame(in ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 2)
            return SbFrameStatus.NeedMoreData;
        Span<byte> head = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(head);
        int length = BinaryPrimitives.ReadUInt16BigEndian(head);
        if (length is < SbLimits.MinRequestLength or > SbLimits.MaxRequestLength)
            return SbFrameStatus.Invalid;
        if (buffer.Length < length)
            return SbFrameStatus.NeedMoreData;
        frame = buffer.Slice(0, length);
        return SbFrameStatus.Complete;
    }
}
