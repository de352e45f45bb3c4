using System.Buffers.Binary;

namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// Reads and writes DWC match command records (the "SBCM" record carried in QR2 client messages, MS SEND_MESSAGE
/// and between peers).
/// </summary>
/// <remarks>
/// <code>
/// 0x00  4  identifier      BB 49 CC 4D (Wii) / "SBCM" (DS)
/// 0x04  4  version         u32 LE: 3, 11 or 90
/// 0x08  1  command         MatchCommandType
/// 0x09  1  payload size    = length − 0x14, multiple of 4, ≤ 0x80
/// 0x0A  2  QR2 port        u16 LE
/// 0x0C  4  QR2 IPv4        network order
/// 0x10  4  profile id      u32 LE
/// 0x14  n  payload
/// </code>
/// <para>The payload bound is a security rule, not a formality: unpatched consoles overflow on match commands
/// longer than 0x80 bytes, so the server must never relay one (mkw.md §3.7). The GPCM carrier omits this header;
/// its payload goes straight to <see cref="MatchCommandPayloads"/>.</para>
/// </remarks>
public static class MatchCommandCodec
{
    /// <summary>Header length.</summary>
    public const int HeaderLength = 0x14;

    /// <summary>Largest payload the QR2/MS/GT2 carriers may carry.</summary>
    public const int MaxPayloadLength = 0x80;

    /// <summary>Largest payload WiiLink accepts on the GPCM carrier (decoded).</summary>
    public const int MaxGpcmPayloadLength = 0x200;

    /// <summary>Longest record.</summary>
    public const int MaxRecordLength = HeaderLength + MaxPayloadLength;

    /// <summary>The Wii identifier bytes.</summary>
    public static ReadOnlySpan<byte> WiiIdentifier => [0xBB, 0x49, 0xCC, 0x4D];

    /// <summary>The DS identifier bytes ("SBCM").</summary>
    public static ReadOnlySpan<byte> DsIdentifier => "SBCM"u8;

    /// <summary>True for the versions the server relays (3, 11, 90).</summary>
    public static bool IsSupportedVersion(uint version) => version is 3 or 11 or 90;

    /// <summary>
    /// Parses and validates one whole record. Never throws; <paramref name="error"/> says why a record is refused.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> record,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MatchCommand? command, out MatchCommandError error)
    {
        command = null;
        if (!TryReadHeader(record, out var header, out error))
            return false;
        command = new MatchCommand(header, record[HeaderLength..].ToArray());
        return true;
    }

    /// <summary>Validates a record and reads its header without copying the payload.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> record, out MatchCommandHeader header, out MatchCommandError error)
    {
        header = default;
        if (record.Length < HeaderLength)
        {
            error = MatchCommandError.TooShort;
            return false;
        }
        if (record.Length > MaxRecordLength)
        {
            error = MatchCommandError.TooLong;
            return false;
        }
        MatchCommandPlatform platform;
        if (record.StartsWith(WiiIdentifier))
            platform = MatchCommandPlatform.Wii;
        else if (record.StartsWith(DsIdentifier))
            platform = MatchCommandPlatform.Ds;
        else
        {
            error = MatchCommandError.BadIdentifier;
            return false;
        }
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
        if (!IsSupportedVersion(version))
        {
            error = MatchCommandError.UnsupportedVersion;
            return false;
        }
        byte size = record[9];
        if (size + HeaderLength != record.Length)
        {
            error = MatchCommandError.SizeMismatch;
            return false;
        }
        if (size % 4 != 0)
        {
            error = MatchCommandError.SizeNotMultipleOfFour;
            return false;
        }
        header = new MatchCommandHeader(platform, version, (MatchCommandType)record[8], size,
            BinaryPrimitives.ReadUInt16LittleEndian(record[0x0A..]),
            BinaryPrimitives.ReadUInt32BigEndian(record[0x0C..]),
            BinaryPrimitives.ReadUInt32LittleEndian(record[0x10..]));
        error = MatchCommandError.None;
        return true;
    }

    /// <summary>
    /// Writes a record; the header's <see cref="MatchCommandHeader.PayloadSize"/> is taken from
    /// <paramref name="payload"/>. Throws <see cref="ArgumentException"/> for a payload over 0x80 bytes, not a
    /// multiple of 4, or an unsupported version — the server must never produce such a record.
    /// </summary>
    public static int Write(Span<byte> destination, in MatchCommandHeader header, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadLength || payload.Length % 4 != 0)
            throw new ArgumentException("a match command payload is a multiple of 4 bytes, at most 0x80", nameof(payload));
        if (!IsSupportedVersion(header.Version))
            throw new ArgumentException("version must be 3, 11 or 90", nameof(header));
        (header.Platform == MatchCommandPlatform.Wii ? WiiIdentifier : DsIdentifier).CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], header.Version);
        destination[8] = (byte)header.Command;
        destination[9] = (byte)payload.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[0x0A..], header.Qr2Port);
        BinaryPrimitives.WriteUInt32BigEndian(destination[0x0C..], header.Qr2Ip);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[0x10..], header.ProfileId);
        payload.CopyTo(destination[HeaderLength..]);
        return HeaderLength + payload.Length;
    }

    /// <summary>The record as a new array.</summary>
    public static byte[] Create(in MatchCommandHeader header, ReadOnlySpan<byte> payload)
    {
        var record = new byte[HeaderLength + payload.Length];
        Write(record, header, payload);
        return record;
    }
}
