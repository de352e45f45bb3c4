using Wiimmfi.Protocols.GameStats;

namespace Wiimmfi.Tests.Protocols.GameStats;

public class GameStatsWebRequestTests
{
    [Fact]
    public void First_request_asks_for_a_token()
    {
        Assert.True(GameStatsWebRequest.TryParse("/mschargedwii/web/client/get2.asp", new Dictionary<string, string> { ["pid"] = "1000000004" }, out var request));

        Assert.Equal(("mschargedwii", GameStatsWebRequest.Get2Script, "1000000004"), (request.GameName, request.Script, request.ProfileId));
        Assert.True(request.WantsToken);
    }

    [Fact]
    public void Second_request_carries_hash_and_data()
    {
        var query = new Dictionary<string, string> { ["pid"] = "5", ["hash"] = new string('a', 40), ["data"] = "AAAA" };

        Assert.True(GameStatsWebRequest.TryParse("/smashbrosxwii/web/client/put2.asp", query, out var request));

        Assert.False(request.WantsToken);
        Assert.Equal("AAAA", request.Data);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/mschargedwii")]
    [InlineData("/mschargedwii/web/client/get2.php")]
    [InlineData("/mschargedwii/web/server/get2.asp")]
    [InlineData("/../etc/web/client/get2.asp")]
    [InlineData("/a/b/web/client/get2.asp")]
    public void Other_paths_are_not_gamestats_requests(string path)
    {
        Assert.False(GameStatsWebRequest.TryParse(path, new Dictionary<string, string>(), out _));
    }

    [Fact]
    public void Oversized_data_is_refused()
    {
        var query = new Dictionary<string, string> { ["pid"] = "5", ["data"] = new string('A', GameStatsWebRequest.MaxDataLength + 1) };

        Assert.False(GameStatsWebRequest.TryParse("/g/web/client/put2.asp", query, out _));
    }

    [Fact]
    public void Derived_token_is_stable_per_pid_and_secret()
    {
        byte[] secret = [1, 2, 3];
        var token = GameStatsWebChallenge.DeriveToken("gamestats.gs.nintendowifi.net", "/mschargedwii/web/client/get2.asp", "5", secret);

        Assert.Equal(32, token.Length);
        Assert.Equal(token, GameStatsWebChallenge.DeriveToken("gamestats.gs.nintendowifi.net", "/mschargedwii/web/client/get2.asp", "5", secret));
        Assert.NotEqual(token, GameStatsWebChallenge.DeriveToken("gamestats.gs.nintendowifi.net", "/mschargedwii/web/client/get2.asp", "6", secret));
        Assert.NotEqual(token, GameStatsWebChallenge.DeriveToken("gamestats.gs.nintendowifi.net", "/mschargedwii/web/client/get2.asp", "5", [9]));
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
        Assert.Equal(32, GameStatsWebChallenge.NewRandomToken().Length);
    }
}
