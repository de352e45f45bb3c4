namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// Byte order of the C enums inside a REPORT: the console copies them from memory, so a Wii
/// (PowerPC) sends them big-endian and a DS (ARM) little-endian.
/// </summary>
public enum ConsoleByteOrder
{
    /// <summary>Wii.</summary>
    BigEndian,
    /// <summary>Nintendo DS.</summary>
    LittleEndian,
}
