using System.Buffers.Binary;

namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// The 0x4C-byte Mii record (RFL "store data") that Mario Kart Wii carries in SAKE <c>FriendInfo</c>, in ghost
/// files (RKGD offset 0x3C) and in the player info of rankings (offset 0). What the server needs from it: the
/// CRC check, and the removal of what identifies the Mii's creator before someone else is shown the Mii.
/// </summary>
/// <remarks>
/// <para>Layout used here (wiibrew "Mii Data"; WiiLink <c>common/mii.go</c>): 0x00–0x01 flags with the birthday
/// (byte 0 bits 5–2 the month, byte 0 bits 1–0 and byte 1 bits 7–5 the day), 0x02 name (10 UTF-16BE characters),
/// 0x18 create id (8 bytes, the last 4 derived from the console's MAC address), 0x36 creator name (10 UTF-16BE
/// characters), 0x4A CRC-16 big-endian.</para>
/// <para>The CRC is CRC-16/XMODEM (polynomial 0x1021, initial value 0, no reflection) over bytes 0x00–0x49. A
/// record with a correct CRC therefore also has a CRC of 0 over all 0x4C bytes, which is how RFL checks it.</para>
/// </remarks>
public static class MiiData
{
    /// <summary>Size of a Mii record.</summary>
    public const int Size = 0x4C;

    /// <summary>Offset of the big-endian CRC-16.</summary>
    public const int CrcOffset = 0x4A;

    /// <summary>Offset of the name (10 UTF-16BE characters).</summary>
    public const int NameOffset = 0x02;

    /// <summary>Bytes of the name.</summary>
    public const int NameLength = 20;

    /// <summary>Offset of the 8-byte create id (time stamp and MAC-derived console id).</summary>
    public const int CreateIdOffset = 0x18;

    /// <summary>Offset of the creator's name (10 UTF-16BE characters).</summary>
    public const int CreatorNameOffset = 0x36;

    /// <summary>
    /// Create ids of Nintendo's own Miis (the "official" Miis of MKW's ghosts); they identify nobody and are left
    /// untouched by <see cref="RemovePersonalData"/> (WiiLink keeps the same list).
    /// </summary>
    private static ReadOnlySpan<ulong> OfficialCreateIds =>
    [
        0x80000000ECFF82D2, 0x80000001ECFF82D2, 0x80000002ECFF82D2,
        0x80000003ECFF82D2, 0x80000004ECFF82D2, 0x80000005ECFF82D2,
    ];

    /// <summary>CRC-16/XMODEM of <paramref name="data"/> (check value of "123456789": 0x31C3).</summary>
    /// <remarks>
    /// A byte at a time through a 256-entry table: every FriendInfo record another player reads is checked and
    /// re-sealed (two CRCs), and the bit-at-a-time loop cost more than the rest of that record's handling.
    /// </remarks>
    public static ushort ComputeCrc(ReadOnlySpan<byte> data)
    {
        var table = CrcTable;
        ushort crc = 0;
        foreach (var b in data)
        {
            crc = (ushort)((crc << 8) ^ table[(crc >> 8) ^ b]);
        }
        return crc;
    }

    /// <summary>The CRC of each byte value alone, shifted into the register's high byte (polynomial 0x1021).</summary>
    private static readonly ushort[] CrcTable = BuildCrcTable();

    private static ushort[] BuildCrcTable()
    {
        var table = new ushort[256];
        for (var value = 0; value < table.Length; value++)
        {
            var crc = (uint)value << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            table[value] = (ushort)crc;
        }
        return table;
    }

    /// <summary>True when <paramref name="mii"/> is 0x4C bytes whose stored CRC matches.</summary>
    public static bool HasValidCrc(ReadOnlySpan<byte> mii) =>
        mii.Length == Size && ComputeCrc(mii[..CrcOffset]) == BinaryPrimitives.ReadUInt16BigEndian(mii[CrcOffset..]);

    /// <summary>Recomputes and stores the CRC of a 0x4C-byte record.</summary>
    public static void WriteCrc(Span<byte> mii)
    {
        RequireSize(mii.Length);
        BinaryPrimitives.WriteUInt16BigEndian(mii[CrcOffset..], ComputeCrc(mii[..CrcOffset]));
    }

    /// <summary>True when the create id is one of Nintendo's own Miis.</summary>
    public static bool IsOfficial(ReadOnlySpan<byte> mii)
    {
        RequireSize(mii.Length);
        var createId = BinaryPrimitives.ReadUInt64BigEndian(mii[CreateIdOffset..]);
        return OfficialCreateIds.Contains(createId);
    }

    /// <summary>
    /// Removes what identifies the Mii's creator, in place, and fixes the CRC: the create id becomes
    /// <c>80 00 00 00 00 00 00 00</c> (its low half is derived from the console's MAC address), characters after
    /// the name's terminating NUL, the creator's name and the birthday are zeroed. Nintendo's own Miis are left
    /// as they are. The Mii still displays the same.
    /// </summary>
    public static void RemovePersonalData(Span<byte> mii)
    {
        RequireSize(mii.Length);
        if (IsOfficial(mii))
        {
            return;
        }
        BinaryPrimitives.WriteUInt64BigEndian(mii[CreateIdOffset..], 0x8000000000000000);

        // A name shorter than 10 characters may hide older text after its NUL.
        var name = mii.Slice(NameOffset, NameLength);
        var terminated = false;
        for (var i = 0; i < NameLength; i += 2)
        {
            if (terminated)
            {
                name[i] = 0;
                name[i + 1] = 0;
            }
            else if (name[i] == 0 && name[i + 1] == 0)
            {
                terminated = true;
            }
        }

        mii.Slice(CreatorNameOffset, NameLength).Clear();
        mii[0] &= 0xC0; // birthday month and the top bit of the day
        mii[1] &= 0x1F; // rest of the day
        WriteCrc(mii);
    }

    private static void RequireSize(int length)
    {
        if (length != Size)
        {
            throw new ArgumentException($"A Mii record is {Size} bytes, not {length}.");
        }
    }
}
