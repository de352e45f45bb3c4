using System.Text;
using Wiimmfi.Protocols.GameStats;

namespace Wiimmfi.Tests.Protocols.GameStats;

public class GameStatsRequestTests
{
    private static GameStatsRequestParseResult Parse(string plain)
    {
        Assert.True(GameStatsFrameReader.TryParsePlain(Encoding.Latin1.GetBytes(plain), GameStatsLimits.Default, out var message, out var error), error);
        return GameStatsRequestParser.Parse(message!);
    }

    [Fact]
    public void Game_and_player_authentication_are_read()
    {
        var auth = Assert.IsType<GameStatsAuthRequest>(Parse(@"\auth\\gamename\mschargedwii\response\0123abcd\port\0\id\1").Request);
        var authp = Assert.IsType<GameStatsAuthPlayerRequest>(Parse(@"\authp\\pid\0\resp\\authtoken\NDSxyz\lid\3").Request);

        Assert.Equal(("mschargedwii", "0123abcd", "1"), (auth.GameName, auth.Response, auth.Id));
        Assert.Equal(("NDSxyz", "3"), (authp.AuthToken, authp.Lid));
    }

    [Fact]
    public void Get_data_request_splits_keys_on_byte_1()
    {
        var getpd = Assert.IsType<GameStatsGetPdRequest>(
            Parse(@"\getpd\\pid\1000000004\ptype\3\dindex\0\keys\" + "\x01" + "score\x01" + @"name\lid\0").Request);

        Assert.Equal((1000000004, "3", "0", "0"), (getpd.ProfileId, getpd.PType, getpd.DIndex, getpd.Lid));
        Assert.Equal(["score", "name"], getpd.Keys);
    }

    [Fact]
    public void Set_data_request_drops_the_trailing_nul()
    {
        const string data = @"\itast_friend_p\AFAAYQ" + "\0";
        var setpd = Assert.IsType<GameStatsSetPdRequest>(
            Parse($@"\setpd\\pid\1000000004\ptype\3\dindex\0\kv\1\lid\0\length\{data.Length}\data\{data}").Request);

        Assert.Equal(@"\itast_friend_p\AFAAYQ", setpd.Data);
        Assert.Equal("1", setpd.Kv);
    }

    [Theory]
    [InlineData(@"\getpd\\ptype\3\dindex\0\lid\0", "pid")]
    [InlineData(@"\getpd\\pid\abc\ptype\3\dindex\0\lid\0", "pid")]
    [InlineData(@"\getpd\\pid\-5\ptype\3\dindex\0\lid\0", "pid")]
    [InlineData(@"\getpd\\pid\5\dindex\0\lid\0", "ptype")]
    [InlineData(@"\setpd\\pid\5\ptype\3\dindex\0\lid\0", "data")]
    [InlineData(@"\setpd\\pid\5\ptype\x;DROP\dindex\0\lid\0\data\a", "small numbers")]
    [InlineData(@"\auth\\port\0", "gamename")]
    [InlineData(@"\authp\\lid\0", "authtoken")]
    public void Unusable_command_is_refused_with_a_reason(string plain, string reason)
    {
        var result = Parse(plain);

        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void Set_data_with_an_embedded_nul_is_refused()
    {
        const string data = "\\a\\b\0c\0";
        Assert.False(Parse($@"\setpd\\pid\5\ptype\3\dindex\0\lid\0\length\{data.Length}\data\{data}").IsValid);
    }

    [Fact]
    public void Keep_alive_and_ignored_commands_are_recognised()
    {
        Assert.IsType<GameStatsKeepAliveRequest>(Parse(@"\ka\").Request);
        Assert.Equal("newgame", Assert.IsType<GameStatsOtherRequest>(Parse(@"\newgame\\sesskey\1\challenge\2").Request).Command);
    }

    [Fact]
    public void Replies_have_the_reference_layout()
    {
        var modified = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        string Plain(GameStatsMessage message) => Encoding.Latin1.GetString(message.ToPlainBytes());

        Assert.Equal(@"\lc\2\sesskey\123456789\proof\0\id\1\final\", Plain(GameStatsReplies.AuthAccepted(123456789)));
        Assert.Equal(@"\pauthr\1000000004\lid\0\final\", Plain(GameStatsReplies.AuthPlayerAccepted(1000000004, "0")));
        Assert.Equal(@"\pauthr\-3\lid\0\errmsg\Invalid Validation\final\", Plain(GameStatsReplies.AuthPlayerRefused("0")));
        Assert.Equal(@"\getpdr\1\lid\0\pid\5\mod\1700000000\length\6\data\\a\b\c\final\",
            Plain(GameStatsReplies.GetPdReply("0", 5, modified, @"\a\b\c")));
        Assert.Equal(@"\getpdr\1\lid\0\pid\5\final\", Plain(GameStatsReplies.GetPdFailed("0", "5")));
        Assert.Equal(@"\setpdr\1\lid\0\pid\5\mod\1700000000\final\", Plain(GameStatsReplies.SetPdReply("0", 5, modified)));
        Assert.Equal(@"\setpdr\1\lid\0\pid\5\final\", Plain(GameStatsReplies.SetPdFailed("0", "5")));
        Assert.Equal(@"\ka\\final\", Plain(GameStatsReplies.KeepAlive()));
        Assert.Equal(@"\error\\err\2\errmsg\Not logged in\fatal\\final\", Plain(GameStatsReplies.Error(2, "Not logged in", fatal: true)));
    }

    [Fact]
    public void Get_data_reply_with_backslashes_reads_back_through_the_wire()
    {
        var reply = GameStatsReplies.GetPdReply("7", 5, DateTimeOffset.UnixEpoch, @"\score\100\name\Mario");

        var read = GameStatsFrameReader.Read(reply.ToWireBytes());

        Assert.Equal(@"\score\100\name\Mario", read.Message!.Get("data"));
        Assert.Equal("0", read.Message.Get("mod"));
    }

    [Fact]
    public void Challenge_is_ten_upper_case_letters()
    {
        var challenge = GameStatsReplies.NewChallenge();

        Assert.Equal(10, challenge.Length);
        Assert.All(challenge, c => Assert.InRange(c, 'A', 'Z'));
    }

    [Fact]
    public void Backslash_in_an_ordinary_value_cannot_be_sent()
    {
        Assert.Throws<ArgumentException>(() => GameStatsMessage.Create("pauthr", "1", ("lid", @"0\fatal")).ToPlainBytes());
        Assert.Throws<ArgumentException>(() => GameStatsMessage.Create("x", "1", ("data", @"\a\b")).ToPlainBytes());
    }

    [Fact]
    public void Stored_player_data_is_merged_and_selected_by_key()
    {
        Assert.Equal(@"\a\9\b\2\c\3", GameStatsPlayerData.Merge(@"\a\1\b\2", @"\a\9\c\3"));
        Assert.Equal(@"\c\3\a\1", GameStatsPlayerData.Select(@"\a\1\b\2\c\3", ["c", "a", "zz"]));
        Assert.Equal(@"\a\1", GameStatsPlayerData.Select(@"\a\1", []));
        Assert.Equal("raw", GameStatsPlayerData.Merge(@"\a\1", "raw"));
    }
}
