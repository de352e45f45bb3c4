using System.Buffers.Binary;
using System.Text;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.Tests.Services;

/// <summary>The Mario Kart Wii codecs the storage services rely on: Mii CRC and scrubbing, player info, RKGD checks, Yaz1.</summary>
public sealed class MkwGhostCodecTests
{
    [Fact]
    public void Mii_crc_is_crc16_xmodem_with_its_catalogue_check_value()
    {
        Assert.Equal(0x31C3, MiiData.ComputeCrc("123456789"u8));
        Assert.Equal(0x0000, MiiData.ComputeCrc([]));
    }

    [Fact]
    public void A_mii_with_its_crc_written_checks_and_a_crc_over_all_its_bytes_is_zero()
    {
        var mii = MkwSampleData.Mii("Luigi");
        Assert.True(MiiData.HasValidCrc(mii));
        Assert.Equal(0, MiiData.ComputeCrc(mii)); // how RFL itself checks a record
        mii[0x10] ^= 1;
        Assert.False(MiiData.HasValidCrc(mii));
    }

    [Fact]
    public void Removing_personal_data_clears_create_id_name_tail_creator_and_birthday_and_keeps_the_mii_valid()
    {
        var mii = MkwSampleData.Mii("Ann", createId: 0x8123456789ABCDEF, creator: "Secret");
        Encoding.BigEndianUnicode.GetBytes("Zz").CopyTo(mii, MiiData.NameOffset + 10); // old text after the NUL
        MiiData.WriteCrc(mii);

        MiiData.RemovePersonalData(mii);

        Assert.Equal(0x8000000000000000, BinaryPrimitives.ReadUInt64BigEndian(mii.AsSpan(MiiData.CreateIdOffset)));
        Assert.Equal("Ann", Encoding.BigEndianUnicode.GetString(mii, MiiData.NameOffset, MiiData.NameLength).TrimEnd('\0'));
        Assert.True(mii.AsSpan(MiiData.NameOffset + 6, MiiData.NameLength - 6).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(mii.AsSpan(MiiData.CreatorNameOffset, MiiData.NameLength).IndexOfAnyExcept((byte)0) < 0);
        Assert.Equal(0x40, mii[0]); // gender kept, month gone
        Assert.Equal(0x00, mii[1] & 0xE0);
        Assert.True(MiiData.HasValidCrc(mii));
    }

    [Fact]
    public void Nintendos_own_miis_are_left_untouched()
    {
        var mii = MkwSampleData.Mii("Mario", createId: 0x80000003ECFF82D2);
        var before = mii.ToArray();
        MiiData.RemovePersonalData(mii);
        Assert.Equal(before, mii);
    }

    [Fact]
    public void A_player_info_needs_a_valid_mii_and_a_controller_id_up_to_3()
    {
        var info = MkwSampleData.PlayerInfo(MkwSampleData.Mii("Toad"), controller: 3);
        Assert.True(MkwPlayerInfo.IsValid(info));
        info[MkwPlayerInfo.ControllerIdOffset] = 4;
        Assert.False(MkwPlayerInfo.IsValid(info));
        Assert.False(MkwPlayerInfo.IsValid(info.AsSpan(0, 0x4F)));
    }

    [Fact]
    public void A_written_ghost_passes_every_check_and_reads_back_its_fields()
    {
        var ghost = MkwSampleData.Ghost(courseId: 9, totalMs: 68_123, MkwSampleData.Mii("Daisy"));

        Assert.Equal(RkgdProblem.None, RkgdGhost.Validate(ghost, expectedCourse: 9, expectedScoreMs: 68_123));
        Assert.Equal(68_123, RkgdGhost.GetTimeMs(ghost, 0));
        Assert.Equal(68_123, RkgdGhost.GetTimeMs(ghost, 1) + RkgdGhost.GetTimeMs(ghost, 2) + RkgdGhost.GetTimeMs(ghost, 3));
        Assert.Equal((1, 8, 123), RkgdGhost.GetTimeParts(ghost, 0));
        Assert.Equal(9, RkgdGhost.GetCourse(ghost));
        Assert.Equal(3, RkgdGhost.GetLapCount(ghost));
        Assert.True(RkgdGhost.IsCompressed(ghost));
    }

    [Fact]
    public void Time_fields_use_the_documented_bit_packing()
    {
        // 1:08.123 → minutes 1 (7 bits), seconds 8 (7 bits), 123 ms (10 bits) from the top bit of 0x04.
        var ghost = new byte[RkgdGhost.MinSize];
        RkgdGhost.SetTimeMs(ghost, 0, 68_123);
        var packed = (1u << 17) | (8u << 10) | 123u;
        Assert.Equal(packed, (uint)(ghost[4] << 16 | ghost[5] << 8 | ghost[6]));
    }

    public static TheoryData<string, RkgdProblem> BrokenGhosts => new()
    {
        { "magic", RkgdProblem.BadMagic },
        { "checksum", RkgdProblem.BadChecksum },
        { "six laps", RkgdProblem.BadLapCount },
        { "61 seconds", RkgdProblem.BadTime },
        { "lap sum", RkgdProblem.LapSumMismatch },
        { "course 40", RkgdProblem.BadCourse },
        { "character outfit C", RkgdProblem.BadCombo },
        { "mii crc", RkgdProblem.BadMii },
        { "uncompressed", RkgdProblem.NotCompressed },
        { "yaz1 magic", RkgdProblem.BadCompression },
        { "yaz1 declares more", RkgdProblem.BadCompression },
        { "trailing bytes", RkgdProblem.TrailingData },
    };

    [Theory]
    [MemberData(nameof(BrokenGhosts))]
    public void A_broken_ghost_is_refused_with_the_reason(string breakage, RkgdProblem expected)
    {
        var ghost = MkwSampleData.Ghost(courseId: 3, totalMs: 90_000, MkwSampleData.Mii("Wario"), inputBytes: 512);
        var stream = RkgdGhost.HeaderSize + 4;
        switch (breakage)
        {
            case "magic": ghost[0] = (byte)'X'; break;
            case "six laps": ghost[0x10] = 6; break;
            case "61 seconds": RkgdGhost.SetBits(ghost, 0x11, 7, 7, 61); break;
            case "lap sum": RkgdGhost.SetTimeMs(ghost, 1, 10_000); break;
            case "course 40": RkgdGhost.SetBits(ghost, 0x07, 0, 6, 40); break;
            case "character outfit C": RkgdGhost.SetBits(ghost, 0x08, 6, 6, 0x1C); break;
            case "mii crc": ghost[RkgdGhost.MiiOffset + 5] ^= 0xFF; break;
            case "uncompressed": RkgdGhost.SetBits(ghost, 0x0C, 4, 1, 0); break;
            case "yaz1 magic": ghost[stream + 3] = (byte)'0'; break;
            case "yaz1 declares more": BinaryPrimitives.WriteUInt32BigEndian(ghost.AsSpan(stream + 4), 4096); break;
            case "trailing bytes":
                var longer = new byte[ghost.Length + 8];
                ghost.AsSpan(0, ghost.Length - 4).CopyTo(longer);
                ghost = longer;
                break;
        }
        if (breakage != "checksum")
        {
            RkgdGhost.WriteChecksum(ghost);
        }
        else
        {
            ghost[^1] ^= 1;
        }

        Assert.Equal(expected, RkgdGhost.Validate(ghost));
    }

    [Fact]
    public void A_ghost_must_match_the_course_and_score_of_its_upload()
    {
        var ghost = MkwSampleData.Ghost(courseId: 3, totalMs: 90_000, MkwSampleData.Mii("Peach"));
        Assert.Equal(RkgdProblem.BadCourse, RkgdGhost.Validate(ghost, expectedCourse: 4, expectedScoreMs: 90_000));
        Assert.Equal(RkgdProblem.ScoreMismatch, RkgdGhost.Validate(ghost, expectedCourse: 3, expectedScoreMs: 90_001));
        Assert.Equal(RkgdProblem.BadSize, RkgdGhost.Validate(ghost.AsSpan(0, 100)));
    }

    [Fact]
    public void Yaz1_back_references_within_the_output_are_accepted_exactly_to_the_declared_size()
    {
        // "ab" as literals, then a copy of length 6 from distance 2: "abababab" (8 bytes).
        byte[] items = [0b1100_0000, (byte)'a', (byte)'b', 0x40, 0x01];
        Assert.True(Yaz1Stream.TryVerify(items, 8, out var consumed));
        Assert.Equal(items.Length, consumed);
        // Long form: N = 0, length from the third byte + 0x12 (= 0x12 + 2 here).
        byte[] longForm = [0b1000_0000, (byte)'a', 0x00, 0x00, 0x02];
        Assert.True(Yaz1Stream.TryVerify(longForm, 1 + 0x14, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x10, 0x00 }, 8)]              // copy before the first byte of output
    [InlineData(new byte[] { 0b1000_0000, 0x61, 0xF0, 0x00 }, 8)] // copy of 17 bytes overruns 8
    [InlineData(new byte[] { 0b1000_0000 }, 8)]                    // literal missing
    [InlineData(new byte[] { 0b1000_0000, 0x61, 0x10 }, 8)]       // reference cut short
    public void Yaz1_streams_that_would_overrun_or_read_outside_are_refused(byte[] items, int declared)
    {
        Assert.False(Yaz1Stream.TryVerify(items, declared, out _));
    }

    [Fact]
    public void Removing_personal_data_from_a_ghost_keeps_it_valid()
    {
        var ghost = MkwSampleData.Ghost(courseId: 1, totalMs: 100_000, MkwSampleData.Mii("Yoshi", createId: 0x8AAAAAAA_BBBBBBBB));
        RkgdGhost.RemovePersonalData(ghost);
        Assert.Equal(RkgdProblem.None, RkgdGhost.Validate(ghost, 1, 100_000));
        Assert.Equal(0x8000000000000000, BinaryPrimitives.ReadUInt64BigEndian(ghost.AsSpan(RkgdGhost.MiiOffset + MiiData.CreateIdOffset)));
    }
}
