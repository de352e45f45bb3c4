namespace Wiimmfi.Protocols.Common;

/// <summary>CRC-8 with polynomial 0x07, initial value 0, MSB first, no reflection, no final XOR.</summary>
internal static class Crc8
{
    private static readonly byte[] Table = BuildTable();

    public static byte Compute(ReadOnlySpan<byte> data)
    {
        byte crc = 0;
        foreach (var b in data)
        {
            crc = Table[crc ^ b];
        }

        return crc;
    }

    internal static byte TableEntry(int index) => Table[index];

    private static byte[] BuildTable()
    {
        var table = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (byte)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x07) : (byte)(crc << 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
