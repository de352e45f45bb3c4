using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>Small writing helpers over <see cref="IBufferWriter{T}"/> shared by the reply writers.</summary>
internal static class SbWire
{
    public static void Byte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public static void U16(IBufferWriter<byte> output, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    public static void U32(IBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public static void Bytes(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    /// <summary>
    /// Writes text as Latin-1 + NUL. Text is cut at an embedded NUL (it would end the string early on the wire
    /// anyway); characters above U+00FF become '?'. Never throws for console-supplied values.
    /// </summary>
    public static void String(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        int nul = text.IndexOf('\0');
        if (nul >= 0)
            text = text[..nul];
        var span = output.GetSpan(text.Length + 1);
        int written = Encoding.Latin1.GetBytes(text, span);
        span[written] = 0;
        output.Advance(written + 1);
    }

    public static void Entry(IBufferWriter<byte> output, in SbServerEntry entry, SbServerFlags flags)
    {
        Byte(output, (byte)flags);
        U32(output, entry.PublicIp);
        if ((flags & SbServerFlags.NonStandardPort) != 0)
            U16(output, entry.PublicPort);
        if ((flags & SbServerFlags.PrivateIp) != 0)
            U32(output, entry.PrivateIp);
        if ((flags & SbServerFlags.NonStandardPrivatePort) != 0)
            U16(output, entry.PrivatePort);
        if ((flags & SbServerFlags.IcmpIp) != 0)
            U32(output, entry.IcmpIp);
    }
}
