using System.Buffers.Binary;

namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// The 12-byte header of every NATNEG packet: magic, version, type, cookie (big-endian).
/// </summary>
/// <param name="Version">Protocol version; a reply must carry the version the client used.</param>
/// <param name="Type">Packet type.</param>
/// <param name="Cookie">The negotiation id both consoles agreed on.</param>
public readonly record struct NatNegHeader(byte Version, NatNegPacketType Type, uint Cookie)
{
    /// <summary>True when <paramref name="source"/> starts with the NATNEG magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> source) =>
        source.Length >= NatNegWire.Magic.Length && source[..NatNegWire.Magic.Length].SequenceEqual(NatNegWire.Magic);

    /// <summary>
    /// Reads the header fields without judging version or type (the parser does that), so a
    /// caller can log the cookie of a packet it is about to drop.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out NatNegHeader header)
    {
        if (source.Length < NatNegWire.HeaderSize || !HasMagic(source))
        {
            header = default;
            return false;
        }
        header = new NatNegHeader(source[6], (NatNegPacketType)source[7], BinaryPrimitives.ReadUInt32BigEndian(source[8..]));
        return true;
    }

    /// <summary>Writes the 12 header bytes.</summary>
    public void Write(Span<byte> destination)
    {
        NatNegWire.Magic.CopyTo(destination);
        destination[6] = Version;
        destination[7] = (byte)Type;
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Cookie);
    }

    public override string ToString() => $"{Type} v{Version} cookie {Cookie:x8}";
}
