using System.Net;
using System.Text.Json;
using Wiimmfi.ConsoleEmulator.GameStats;
using Wiimmfi.Protocols.GameStats;

namespace Wiimmfi.Tests.Services;

/// <summary>HTTP GameStats over real HTTP, as a DWC game runs its token/hash exchange.</summary>
public sealed class GameStatsHttpTests
{
    // Mario Strikers Charged: GameStats version 3, key from the shipped game list (gamestats.md vectors).
    private const string Game = "mschargedwii";
    private const string Key = "DbfBialvJznkQWYuOrRa";

    private static JsonElement Vector(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "gamestats.json")));
        return document.RootElement.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name).Clone();
    }

    [Fact]
    public async Task A_get2_exchange_answers_a_token_then_the_empty_ranking_with_its_known_footer()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var client = new GameStatsWebClient(node.Http());
        var expected = Vector("web response footer (get2, WiiLink padding variant)").GetProperty("expected");

        var exchange = await client.ExchangeAsync(Game, Key, 3, GameStatsWebRequest.Get2Script, "1000000001");
        var again = await client.ExchangeAsync(Game, Key, 3, GameStatsWebRequest.Get2Script, "1000000001");

        Assert.Equal(GameStatsWebChallenge.TokenLength, exchange.Token.Length);
        Assert.Equal(exchange.Token, again.Token); // derived, not remembered
        Assert.Equal(expected.GetProperty("response_hex").GetString(), Convert.ToHexStringLower(exchange.RawBody));
        Assert.Equal(expected.GetProperty("footer_ascii").GetString(), exchange.Footer);
    }

    [Fact]
    public async Task A_wrong_hash_gets_an_empty_answer_unless_strict_hashing_is_off()
    {
        await using (var node = await ServiceNodes.StartAsync())
        {
            using var client = new GameStatsWebClient(node.Http());
            var exchange = await client.ExchangeAsync(Game, Key, 3, GameStatsWebRequest.Get2Script, "7", hashOverride: new string('0', 40));
            Assert.Empty(exchange.RawBody);
        }
        await using (var lenient = await ServiceNodes.StartAsync(configure: o => o with { GameStats = o.GameStats with { StrictHash = false } }))
        {
            using var client = new GameStatsWebClient(lenient.Http());
            var exchange = await client.ExchangeAsync(Game, Key, 3, GameStatsWebRequest.Get2Script, "7", hashOverride: new string('0', 40));
            Assert.Equal(21 + GameStatsWebChallenge.HashLength, exchange.RawBody.Length);
        }
    }

    [Fact]
    public async Task Put2_data_is_stored_as_sent_and_answered_with_padding_and_footer()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var client = new GameStatsWebClient(node.Http(), host: "mschargedwii.gamestats.gs.nintendowifi.net");

        var exchange = await client.ExchangeAsync(Game, Key, 3, GameStatsWebRequest.Put2Script, "1000000002", data: "AAEC-_-_==");

        Assert.Equal(new byte[GameStatsWebChallenge.WiiLinkPaddingLength], exchange.Payload);
        Assert.Equal(GameStatsWebChallenge.ComputeFooter(Key, exchange.Payload), exchange.Footer);
        var stored = await node.Node.Context.Store.GameStats.GetUploadAsync(Game, "1000000002");
        Assert.Equal("AAEC-_-_==", stored!.Data);
    }

    [Fact]
    public async Task Unknown_games_games_without_gamestats_and_other_paths_are_404()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var client = new GameStatsWebClient(node.Http());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/nosuchgame/web/client/get2.asp?pid=1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/mariokartwii/web/client/get2.asp?pid=1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{Game}/web/other/get2.asp?pid=1")).Status);
    }
}
