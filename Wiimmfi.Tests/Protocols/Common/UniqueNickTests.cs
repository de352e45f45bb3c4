using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Common;

public class UniqueNickTests
{
    public static TheoryData<int, string> Vectors => VectorFile.Rows("uniquenick_base32", v => v.GetProperty("inputs").GetProperty("userid").GetUInt64().ToString());

    [Theory]
    [MemberData(nameof(Vectors))]
    public void User_id_gives_the_known_base32_and_both_nick_forms(int index, string userIdText)
    {
        var vector = VectorFile.Items("uniquenick_base32")[index];
        var userId = vector.GetProperty("inputs").GetProperty("userid").GetUInt64();
        var gsbrcd = vector.GetProperty("inputs").GetProperty("gsbrcd").GetString()!;
        var expected = vector.GetProperty("expected");

        Assert.Equal(expected.GetProperty("base32").GetString(), UniqueNick.EncodeBase32(userId));
        Assert.Equal(expected.GetProperty("uniquenick_references").GetString(), UniqueNick.Create(userId, gsbrcd, padToNineDigits: false));
        Assert.Equal(expected.GetProperty("uniquenick_real_server_padded").GetString(), UniqueNick.Create(userId, gsbrcd));
        Assert.Equal(userIdText, userId.ToString());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_padded_nick_splits_back_into_user_id_and_gsbrcd(int index, string userIdText)
    {
        var vector = VectorFile.Items("uniquenick_base32")[index];
        var nick = vector.GetProperty("expected").GetProperty("uniquenick_real_server_padded").GetString()!;

        Assert.True(UniqueNick.TryParsePadded(nick, out var userId, out var gsbrcd));

        Assert.Equal(userIdText, userId.ToString());
        Assert.Equal(vector.GetProperty("inputs").GetProperty("gsbrcd").GetString(), gsbrcd);
    }

    [Fact]
    public void Zero_encodes_as_a_single_digit()
    {
        Assert.Equal("0", UniqueNick.EncodeBase32(0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1jvv0u3l")]
    [InlineData("1jvv0u3lWRMCJ2leohni")]
    public void Nicks_without_nine_base32_digits_and_a_gsbrcd_are_not_parsed(string nick)
    {
        Assert.False(UniqueNick.TryParsePadded(nick, out _, out _));
    }

    [Fact]
    public void Other_players_see_a_placeholder_that_hides_the_user_id()
    {
        Assert.Equal("000000000RMCJ0000000", UniqueNick.CreatePlaceholder("RMCJ2leohni"));
    }
}
