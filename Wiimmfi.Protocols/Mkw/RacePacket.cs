using System.Buffers.Binary;

namespace Wiimmfi.Protocols.Mkw;

/// <summary>The records of an MKW RACE packet, in wire order after the HEADER.</summary>
public enum RaceRecordKind
{
    /// <summary>HEADER (0x10): magic, checksum, record sizes.</summary>
    Header = 0,
    /// <summary>RACEHEADER_1 (0x28): frame count, select id, vehicles/characters, course, aids, engine class.</summary>
    RaceHeader1 = 1,
    /// <summary>RACEHEADER_2 (0x28): VS race layout.</summary>
    RaceHeader2 = 2,
    /// <summary>ROOM (0x04, friend-room lobby) or SELECT (0x38, course/character vote), told apart by size.</summary>
    RoomOrSelect = 3,
    /// <summary>RACEDATA (0x40 per local player).</summary>
    RaceData = 4,
    /// <summary>USER (0xC0): Miis, friend codes, location, ratings.</summary>
    User = 5,
    /// <summary>ITEM (0x08 per local player).</summary>
    Item = 6,
    /// <summary>EVENT (0x18..0xF8).</summary>
    Event = 7,
}

/// <summary>Something a packet analyser should flag (reported, not rejected). Frozen numbers.</summary>
public enum RacePacketFinding
{
    /// <summary>The first 4 bytes are not zero.</summary>
    BadMagic = 1,
    /// <summary>The stored CRC-32 does not match the packet.</summary>
    ChecksumMismatch = 2,
    /// <summary>The HEADER size byte is not 0x10.</summary>
    BadHeaderSize = 3,
    /// <summary>A record size outside the vanilla sizes for its record.</summary>
    RecordSizeOutOfRange = 4,
    /// <summary>The sizes add up to more than the datagram.</summary>
    RecordsExceedDatagram = 5,
    /// <summary>Bytes after the last record (e.g. a proxy's SLOT record).</summary>
    TrailingBytes = 6,
}

/// <summary>One record's place in the packet.</summary>
public readonly record struct RaceRecord(RaceRecordKind Kind, int Offset, int Length);

/// <summary>The decoded HEADER and record layout of a RACE packet, with what looked wrong.</summary>
/// <param name="StoredChecksum">CRC-32 stored at 0x04 (big-endian).</param>
/// <param name="ComputedChecksum">CRC-32 of the packet (records only) with the checksum field zeroed.</param>
/// <param name="RecordSizes">The eight size bytes at 0x08–0x0F, in <see cref="RaceRecordKind"/> order.</param>
/// <param name="Records">Present records (size ≠ 0) that fit the datagram, in order.</param>
/// <param name="Findings">Problems found; empty for a clean vanilla packet.</param>
public sealed record RacePacketLayout(
    uint StoredChecksum,
    uint ComputedChecksum,
    IReadOnlyList<byte> RecordSizes,
    IReadOnlyList<RaceRecord> Records,
    IReadOnlyList<RacePacketFinding> Findings)
{
    /// <summary>True when the checksum matches.</summary>
    public bool ChecksumValid => StoredChecksum == ComputedChecksum;

    /// <summary>True for a SELECT record (0x38) in the ROOM/SELECT slot, false for ROOM (0x04) or none.</summary>
    public bool HasSelect => RecordSizes[(int)RaceRecordKind.RoomOrSelect] == RacePacket.SelectSize;
}

/// <summary>
/// Reads the HEADER of a Mario Kart Wii peer-to-peer RACE packet (GT2 unreliable data) for the packet analyser:
/// record layout and checksum. Malformed packets are described, not rejected (the findings say what is wrong);
/// only a datagram shorter than the header cannot be read at all.
/// </summary>
/// <remarks>Checksum: bytes 4–7 zeroed, zlib CRC-32 over the records (not over proxy-added SLOT records), stored
/// big-endian at 0x04. The flavour follows the Custom Mario Kart wiki ("a normal CRC32") and was not verified
/// against a real capture.</remarks>
public static class RacePacket
{
    /// <summary>HEADER length.</summary>
    public const int HeaderSize = 0x10;
    /// <summary>ROOM record size.</summary>
    public const int RoomSize = 0x04;
    /// <summary>SELECT record size.</summary>
    public const int SelectSize = 0x38;
    /// <summary>Largest vanilla packet (all records at their maximum).</summary>
    public const int MaxVanillaLength = 0x2E0;

    /// <summary>Sizes a vanilla game sends for each record (0 = absent is always allowed).</summary>
    private static readonly int[][] AllowedSizes =
    [
        [HeaderSize],
        [0x28],
        [0x28],
        [RoomSize, SelectSize],
        [0x40, 0x80],
        [0xC0],
        [0x08, 0x10],
        [],     // EVENT: a range, checked separately
    ];

    /// <summary>Reads the layout. False only when the datagram is shorter than the 16-byte HEADER.</summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RacePacketLayout? layout)
    {
        layout = null;
        if (datagram.Length < HeaderSize)
            return false;
        var findings = new List<RacePacketFinding>();
        if (BinaryPrimitives.ReadUInt32BigEndian(datagram) != 0)
            findings.Add(RacePacketFinding.BadMagic);
        if (datagram[8] != HeaderSize)
            findings.Add(RacePacketFinding.BadHeaderSize);

        var sizes = datagram.Slice(8, 8).ToArray();
        var records = new List<RaceRecord>();
        int offset = 0;
        bool sizeFindingAdded = false;
        for (int kind = 0; kind < sizes.Length; kind++)
        {
            int size = sizes[kind];
            if (size == 0)
                continue;
            if (!IsAllowedSize((RaceRecordKind)kind, size) && !sizeFindingAdded)
            {
                findings.Add(RacePacketFinding.RecordSizeOutOfRange);
                sizeFindingAdded = true;
            }
            if (offset + size <= datagram.Length)
                records.Add(new RaceRecord((RaceRecordKind)kind, offset, size));
            offset += size;
        }
        int total = offset;
        if (total > datagram.Length)
            findings.Add(RacePacketFinding.RecordsExceedDatagram);
        else if (total < datagram.Length)
            findings.Add(RacePacketFinding.TrailingBytes);

        uint stored = BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]);
        uint computed = ComputeChecksum(datagram[..Math.Min(Math.Max(total, HeaderSize), datagram.Length)]);
        if (stored != computed)
            findings.Add(RacePacketFinding.ChecksumMismatch);

        layout = new RacePacketLayout(stored, computed, sizes, records, findings);
        return true;
    }

    /// <summary>CRC-32 of <paramref name="packet"/> with its checksum field (bytes 4–7) taken as zero.</summary>
    public static uint ComputeChecksum(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 8)
            throw new ArgumentException("a RACE packet has at least 8 bytes", nameof(packet));
        uint crc = Crc32.Update(Crc32.Start, packet[..4]);
        crc = Crc32.Update(crc, [0, 0, 0, 0]);
        crc = Crc32.Update(crc, packet[8..]);
        return Crc32.Finish(crc);
    }

    /// <summary>Computes and stores the checksum (console emulator, tests).</summary>
    public static void WriteChecksum(Span<byte> packet) =>
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], ComputeChecksum(packet));

    private static bool IsAllowedSize(RaceRecordKind kind, int size) =>
        kind == RaceRecordKind.Event ? size is >= 0x18 and <= 0xF8 : Array.IndexOf(AllowedSizes[(int)kind], size) >= 0;
}
