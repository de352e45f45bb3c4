using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Common;

public class FriendCodeTests
{
    public static TheoryData<int, string> Vectors => VectorFile.Rows("friend_code", v =>
        $"{v.GetProperty("inputs").GetProperty("profile_id").GetUInt32()}/{v.GetProperty("inputs").GetProperty("game_id").GetString()}");

    private static (uint ProfileId, string GameId, ulong FriendCode, string Display) Vector(int index)
    {
        var v = VectorFile.Items("friend_code")[index];
        return (v.GetProperty("inputs").GetProperty("profile_id").GetUInt32(),
                v.GetProperty("inputs").GetProperty("game_id").GetString()!,
                v.GetProperty("expected").GetProperty("friend_code").GetUInt64(),
                v.GetProperty("expected").GetProperty("display").GetString()!);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Profile_id_and_game_id_give_the_known_friend_code_and_display(int index, string label)
    {
        var (profileId, gameId, friendCode, display) = Vector(index);

        Assert.Equal(friendCode, FriendCode.Compute(profileId, gameId));
        Assert.Equal(display, FriendCode.ComputeDisplay(profileId, gameId));
        Assert.Equal(display, FriendCode.Format(friendCode, gameId));
        Assert.NotNull(label);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_known_display_parses_back_to_the_profile_id(int index, string label)
    {
        var (profileId, gameId, friendCode, display) = Vector(index);

        Assert.Equal(FriendCodeParseResult.Valid, FriendCode.TryParse(display, gameId, out var parsed));
        Assert.Equal(profileId, parsed);
        Assert.True(FriendCode.IsValid(friendCode, gameId), label);
    }

    [Fact]
    public void AltWFC_forward_order_values_are_not_what_we_compute()
    {
        foreach (var disagreement in VectorFile.Items("friend_code", "reference_disagreements"))
        {
            var inputs = disagreement.GetProperty("inputs");
            var computed = FriendCode.Compute(inputs.GetProperty("profile_id").GetUInt32(), inputs.GetProperty("game_id").GetString()!);

            Assert.Equal(disagreement.GetProperty("wiilink_friend_code").GetUInt64(), computed);
            Assert.NotEqual(disagreement.GetProperty("altwfc_friend_code").GetUInt64(), computed);
        }
    }

    [Fact]
    public void Mario_Kart_Wii_codes_depend_on_RMCJ_not_the_disc_region()
    {
        Assert.NotEqual(FriendCode.Compute(1, "RMCJ"), FriendCode.Compute(1, "RMCE"));
    }

    [Theory]
    [InlineData("RMCJ", FriendCodeChecksumKind.Md5)]
    [InlineData("SB4E", FriendCodeChecksumKind.Md5)]
    [InlineData("RSBE", FriendCodeChecksumKind.Crc8)]
    [InlineData("RPBJ", FriendCodeChecksumKind.Crc8)]
    [InlineData("HDMJ", FriendCodeChecksumKind.Crc8ReversedDisplay)]
    [InlineData("WDMP", FriendCodeChecksumKind.Crc8ReversedDisplay)]
    [InlineData("ADAE", FriendCodeChecksumKind.Crc8)]
    [InlineData("AMCE", FriendCodeChecksumKind.Crc8)]
    public void The_game_id_chooses_the_checksum(string gameId, FriendCodeChecksumKind expected)
    {
        Assert.Equal(expected, FriendCode.GetChecksumKind(gameId));
    }

    [Fact]
    public void Crc8_table_has_the_sheet_check_values()
    {
        Assert.Equal(0x07, Crc8.TableEntry(0x01));
        Assert.Equal(0x89, Crc8.TableEntry(0x80));
        Assert.Equal(0xF3, Crc8.TableEntry(0xFF));
    }

    [Fact]
    public void Profile_zero_has_no_friend_code()
    {
        Assert.Equal(0UL, FriendCode.Compute(0, "RMCJ"));
        Assert.False(FriendCode.IsValid(0, "RMCJ"));
        Assert.Equal(FriendCodeParseResult.NoProfile, FriendCode.TryParse("0000-0000-0000", "RMCJ", out _));
    }

    [Theory]
    [InlineData("0214-7483-6482", FriendCodeParseResult.WrongChecksum)]
    [InlineData("9999-9999-9999", FriendCodeParseResult.OutOfRange)]
    [InlineData("0214-7483-648", FriendCodeParseResult.Malformed)]
    [InlineData("0214-7483-64811", FriendCodeParseResult.Malformed)]
    [InlineData("0214-748x-6481", FriendCodeParseResult.Malformed)]
    [InlineData("", FriendCodeParseResult.Malformed)]
    [InlineData("0214 7483 6481", FriendCodeParseResult.Valid)]
    [InlineData("021474836481", FriendCodeParseResult.Valid)]
    public void Typed_friend_codes_are_checked(string text, FriendCodeParseResult expected)
    {
        Assert.Equal(expected, FriendCode.TryParse(text, "RMCJ", out _));
    }

    [Theory]
    [InlineData("RMC")]
    [InlineData("RMCJ2")]
    [InlineData("RMC\u00e9")]
    public void A_game_id_that_is_not_four_ascii_characters_is_a_programming_error(string gameId)
    {
        Assert.Throws<ArgumentException>(() => FriendCode.Compute(1, gameId));
    }
}
