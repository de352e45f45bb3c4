using System.Buffers.Binary;
using System.Globalization;

namespace Wiimmfi.Protocols.Qr2;

/// <summary>Byte order a console uses for the <c>publicip</c> heartbeat key.</summary>
public enum Qr2AddressByteOrder
{
    /// <summary>Wii (RVL DWC): the address bytes read big-endian.</summary>
    BigEndian = 0,
    /// <summary>DS (NitroDWC): the address bytes read little-endian.</summary>
    LittleEndian = 1,
}

/// <summary>
/// The heartbeat's <c>publicip</c> value: the console's public IPv4 printed as a <b>signed</b> 32-bit decimal,
/// in the console's native byte order (Wii: 85.22.130.76 → <c>1427538508</c>; DS: → <c>1283593813</c>),
/// <c>0</c> until it learned its address from a challenge.
/// </summary>
public static class Qr2PublicIp
{
    /// <summary>Formats an address (big-endian u32) the way a console of that byte order reports it.</summary>
    public static string Format(uint address, Qr2AddressByteOrder order)
    {
        int value = order == Qr2AddressByteOrder.BigEndian
            ? unchecked((int)address)
            : unchecked((int)BinaryPrimitives.ReverseEndianness(address));
        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads a reported <c>publicip</c> into an address (big-endian u32). Accepts the signed form consoles send
    /// and, leniently, the unsigned form; false for anything else.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, Qr2AddressByteOrder order, out uint address)
    {
        address = 0;
        uint raw;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int signed))
            raw = unchecked((uint)signed);
        else if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out raw))
            return false;
        address = order == Qr2AddressByteOrder.BigEndian ? raw : BinaryPrimitives.ReverseEndianness(raw);
        return true;
    }
}
