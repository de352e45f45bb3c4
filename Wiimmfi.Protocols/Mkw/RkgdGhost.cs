using System.Buffers.Binary;

namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// Mario Kart Wii time-trial ghost files (RKGD), as uploaded to <c>ghostupload.aspx</c> and served back to other
/// consoles: field access, the server's acceptance checks, the CRC-32, and removal of the Mii's personal data.
/// </summary>
/// <remarks>
/// <para>Layout (wiki.tockdom.com "RKG (File Format)", WiiLink <c>common/mario_kart_wii.go</c>; bit numbers count
/// from the most significant bit of the first byte):</para>
/// <code>
///   0x00  "RKGD"
///   0x04  total time: 7 bits minutes, 7 bits seconds, 10 bits milliseconds
///   0x07  course id (6 bits)
///   0x08  vehicle id (6 bits), character id (6 bits)
///   0x0B  controller id (low 4 bits)
///   0x0C  bit 4: input data is Yaz1-compressed
///   0x0E  u16 input data size (decompressed)
///   0x10  lap count
///   0x11  lap times, 3 bytes each, packed like the total (5 slots)
///   0x3C  the driver's Mii (0x4C bytes)
///   0x88  input data; when compressed: u32 compressed size, then a Yaz1 stream
///   last 4 bytes: CRC-32 (IEEE) of everything before them, big-endian
/// </code>
/// <para>Why the checks matter: a ghost is downloaded by strangers' consoles. A lap count above 5 overflows a
/// stack buffer in the game, and a crafted Yaz1 stream overruns its decompression buffer (szsHaxx) — both are
/// remote code execution on the downloader's Wii. Everything else (times, course, combo) keeps the rankings
/// honest. The checks follow WiiLink's; where WiiLink only logs (character/vehicle weight class, the size fields
/// of the compressed header) so do we, by not refusing.</para>
/// </remarks>
public static class RkgdGhost
{
    /// <summary>Size of the header before the input data.</summary>
    public const int HeaderSize = 0x88;

    /// <summary>Offset of the Mii.</summary>
    public const int MiiOffset = 0x3C;

    /// <summary>Smallest acceptable file: header, compressed-size word, Yaz1 header, CRC (WiiLink: 0xA0).</summary>
    public const int MinSize = HeaderSize + 4 + Yaz1Stream.HeaderSize + 4;

    /// <summary>Largest acceptable file (WiiLink: 0x2800); a compressed 6-minute ghost fits well within.</summary>
    public const int MaxSize = 0x2800;

    /// <summary>Lap count of a normal three-lap time trial, the only count accepted.</summary>
    public const int ExpectedLapCount = 3;

    /// <summary>Lap slots in the header.</summary>
    public const int MaxLaps = 5;

    /// <summary>The magic bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "RKGD"u8;

    /// <summary>Reads <paramref name="length"/> bits starting <paramref name="bit"/> bits after the top bit of <paramref name="offset"/>.</summary>
    public static uint GetBits(ReadOnlySpan<byte> data, int offset, int bit, int length)
    {
        uint value = 0;
        for (var i = 0; i < length; i++)
        {
            var position = bit + i;
            var b = data[offset + position / 8];
            value = (value << 1) | (uint)((b >> (7 - position % 8)) & 1);
        }
        return value;
    }

    /// <summary>Writes <paramref name="length"/> bits of <paramref name="value"/> at the position <see cref="GetBits"/> reads.</summary>
    public static void SetBits(Span<byte> data, int offset, int bit, int length, uint value)
    {
        for (var i = 0; i < length; i++)
        {
            var position = bit + i;
            var mask = (byte)(1 << (7 - position % 8));
            var set = ((value >> (length - 1 - i)) & 1) != 0;
            ref var b = ref data[offset + position / 8];
            b = set ? (byte)(b | mask) : (byte)(b & ~mask);
        }
    }

    /// <summary>A time field (total for <paramref name="lap"/> 0, else lap 1–5) in milliseconds.</summary>
    public static int GetTimeMs(ReadOnlySpan<byte> rkgd, int lap)
    {
        var (minutes, seconds, milliseconds) = GetTimeParts(rkgd, lap);
        return minutes * 60_000 + seconds * 1000 + milliseconds;
    }

    /// <summary>The three parts of a time field, as stored (unvalidated).</summary>
    public static (int Minutes, int Seconds, int Milliseconds) GetTimeParts(ReadOnlySpan<byte> rkgd, int lap)
    {
        var offset = TimeOffset(lap);
        return ((int)GetBits(rkgd, offset, 0, 7), (int)GetBits(rkgd, offset, 7, 7), (int)GetBits(rkgd, offset, 14, 10));
    }

    /// <summary>Stores a time (milliseconds below 128 minutes) in the total (<paramref name="lap"/> 0) or a lap slot.</summary>
    public static void SetTimeMs(Span<byte> rkgd, int lap, int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        var offset = TimeOffset(lap);
        SetBits(rkgd, offset, 0, 7, (uint)(milliseconds / 60_000));
        SetBits(rkgd, offset, 7, 7, (uint)(milliseconds / 1000 % 60));
        SetBits(rkgd, offset, 14, 10, (uint)(milliseconds % 1000));
    }

    private static int TimeOffset(int lap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lap);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lap, MaxLaps);
        return lap == 0 ? 0x04 : 0x11 + (lap - 1) * 3;
    }

    public static int GetCourse(ReadOnlySpan<byte> rkgd) => (int)GetBits(rkgd, 0x07, 0, 6);

    public static int GetVehicle(ReadOnlySpan<byte> rkgd) => (int)GetBits(rkgd, 0x08, 0, 6);

    public static int GetCharacter(ReadOnlySpan<byte> rkgd) => (int)GetBits(rkgd, 0x08, 6, 6);

    public static int GetController(ReadOnlySpan<byte> rkgd) => (int)GetBits(rkgd, 0x0B, 4, 4);

    public static bool IsCompressed(ReadOnlySpan<byte> rkgd) => GetBits(rkgd, 0x0C, 4, 1) == 1;

    public static int GetInputDataSize(ReadOnlySpan<byte> rkgd) => BinaryPrimitives.ReadUInt16BigEndian(rkgd[0x0E..]);

    public static int GetLapCount(ReadOnlySpan<byte> rkgd) => rkgd[0x10];

    /// <summary>The stored CRC-32 (last four bytes, big-endian).</summary>
    public static uint GetStoredChecksum(ReadOnlySpan<byte> rkgd) => BinaryPrimitives.ReadUInt32BigEndian(rkgd[^4..]);

    /// <summary>CRC-32 (IEEE, as zlib) of everything but the last four bytes.</summary>
    public static uint ComputeChecksum(ReadOnlySpan<byte> rkgd) => Crc32.Compute(rkgd[..^4]);

    /// <summary>Stores <see cref="ComputeChecksum"/> in the last four bytes.</summary>
    public static void WriteChecksum(Span<byte> rkgd) => BinaryPrimitives.WriteUInt32BigEndian(rkgd[^4..], ComputeChecksum(rkgd));

    /// <summary>Characters 0x00–0x27, except the four Mii "outfit C" ids the game never uses for time trials.</summary>
    public static bool IsValidCharacter(int character) => character is >= 0 and <= 0x27 and not (0x1C or 0x1D or 0x22 or 0x23);

    /// <summary>Vehicles 0x00 (Standard Kart S) to 0x23 (Phantom).</summary>
    public static bool IsValidVehicle(int vehicle) => vehicle is >= 0 and <= 0x23;

    /// <summary>
    /// The server's acceptance test for an uploaded ghost (sake.md §8.3). <paramref name="expectedCourse"/> and
    /// <paramref name="expectedScoreMs"/> are the upload's <c>courseid</c> and <c>score</c>; pass -1 to skip either.
    /// Never throws on bad bytes.
    /// </summary>
    public static RkgdProblem Validate(ReadOnlySpan<byte> rkgd, int expectedCourse = -1, int expectedScoreMs = -1)
    {
        if (rkgd.Length is < MinSize or > MaxSize)
        {
            return RkgdProblem.BadSize;
        }
        if (!rkgd[..4].SequenceEqual(Magic))
        {
            return RkgdProblem.BadMagic;
        }
        if (GetStoredChecksum(rkgd) != ComputeChecksum(rkgd))
        {
            return RkgdProblem.BadChecksum;
        }
        var laps = GetLapCount(rkgd);
        if (laps != ExpectedLapCount)
        {
            return RkgdProblem.BadLapCount;
        }
        var lapSum = 0;
        for (var lap = 0; lap <= laps; lap++)
        {
            var (minutes, seconds, milliseconds) = GetTimeParts(rkgd, lap);
            if (minutes > 5 || seconds > 59 || milliseconds > 999 || minutes + seconds + milliseconds == 0)
            {
                return RkgdProblem.BadTime;
            }
            if (lap > 0)
            {
                lapSum += GetTimeMs(rkgd, lap);
            }
        }
        var total = GetTimeMs(rkgd, 0);
        if (expectedScoreMs != -1 && total != expectedScoreMs)
        {
            return RkgdProblem.ScoreMismatch;
        }
        // The game rounds each lap; WiiLink allows 1 ms either way.
        if (Math.Abs(lapSum - total) > 1)
        {
            return RkgdProblem.LapSumMismatch;
        }
        var course = GetCourse(rkgd);
        if ((expectedCourse != -1 && course != expectedCourse) || course > 31)
        {
            return RkgdProblem.BadCourse;
        }
        if (!IsValidCharacter(GetCharacter(rkgd)) || !IsValidVehicle(GetVehicle(rkgd)) || GetController(rkgd) > MkwPlayerInfo.LastControllerId)
        {
            return RkgdProblem.BadCombo;
        }
        if (!MiiData.HasValidCrc(rkgd.Slice(MiiOffset, MiiData.Size)))
        {
            return RkgdProblem.BadMii;
        }
        if (!IsCompressed(rkgd))
        {
            return RkgdProblem.NotCompressed;
        }
        // Input data: u32 compressed size (WiiLink only logs a mismatch), then the Yaz1 stream up to the CRC.
        var stream = rkgd[(HeaderSize + 4)..^4];
        if (!Yaz1Stream.TryReadHeader(stream, out var decompressedSize)
            || !Yaz1Stream.TryVerify(stream[Yaz1Stream.HeaderSize..], decompressedSize, out var consumed))
        {
            return RkgdProblem.BadCompression;
        }
        // Up to 3 bytes of alignment padding may follow the stream.
        if (stream.Length - Yaz1Stream.HeaderSize - consumed > 3)
        {
            return RkgdProblem.TrailingData;
        }
        return RkgdProblem.None;
    }

    /// <summary>
    /// Removes the Mii's personal data (<see cref="MiiData.RemovePersonalData"/>) and fixes the file's CRC, in
    /// place. Call only on a file that passed <see cref="Validate"/>.
    /// </summary>
    public static void RemovePersonalData(Span<byte> rkgd)
    {
        MiiData.RemovePersonalData(rkgd.Slice(MiiOffset, MiiData.Size));
        WriteChecksum(rkgd);
    }
}
