namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// A parsed NATNEG packet. Each body shape is one record type; the packet type in
/// <see cref="Header"/> says which of the shapes' meanings applies (an INITACK is an INIT-shaped
/// packet with type 1, and so on).
/// </summary>
/// <remarks>
/// <see cref="WireLength"/> is the length on the wire. Several types travel either in their
/// natural size or zero-padded to 73 bytes (or, for REPORT_ACK, cut to 21), and a reply must
/// usually keep the length the console used, so the record remembers it. Writing produces the
/// packet's natural image, cut or zero-padded to <see cref="WireLength"/>.
/// </remarks>
public abstract record NatNegPacket(NatNegHeader Header, int WireLength)
{
    /// <summary>Shorthand for <c>Header.Type</c>.</summary>
    public NatNegPacketType Type => Header.Type;

    /// <summary>Shorthand for <c>Header.Cookie</c>.</summary>
    public uint Cookie => Header.Cookie;

    /// <summary>Length of the natural image (header + body with nothing cut or padded).</summary>
    protected abstract int NaturalLength { get; }

    /// <summary>Writes the body (everything after the header) of the natural image.</summary>
    protected abstract void WriteBody(Span<byte> body);

    /// <summary>
    /// Writes the packet into <paramref name="destination"/> and returns <see cref="WireLength"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="WireLength"/>.</exception>
    public int WriteTo(Span<byte> destination)
    {
        if (WireLength < NatNegWire.HeaderSize || WireLength > NatNegWire.MaxPacketSize)
        {
            throw new InvalidOperationException($"Wire length {WireLength} is outside 12..{NatNegWire.MaxPacketSize}.");
        }
        if (destination.Length < WireLength)
        {
            throw new ArgumentException($"Need {WireLength} bytes, got {destination.Length}.", nameof(destination));
        }

        var imageLength = Math.Max(NaturalLength, WireLength);
        Span<byte> image = stackalloc byte[NatNegWire.MaxPacketSize];
        image = image[..Math.Min(imageLength, NatNegWire.MaxPacketSize)];
        image.Clear();
        Header.Write(image);
        WriteBody(image[NatNegWire.HeaderSize..]);
        image[..WireLength].CopyTo(destination);
        return WireLength;
    }

    /// <summary>The packet as a new array of <see cref="WireLength"/> bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[WireLength];
        WriteTo(bytes);
        return bytes;
    }
}
