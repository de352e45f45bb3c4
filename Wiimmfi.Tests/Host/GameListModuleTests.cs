using System.Net;
using System.Text.Json;
using Wiimmfi.Actors.Games;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Host;

public sealed class GameListModuleTests
{
    private const string Header = "# gamename\tgameid\tsecretkey\tgamestats_version\tgamestats_key\tenabled\tdescription\n";

    [Fact]
    public async Task The_shipped_game_list_is_loaded_at_start_and_listed_without_secret_keys()
    {
        await using var node = await TestNode.StartAsync();
        var text = await node.Management.GetStringAsync("gamelist");
        using var json = JsonDocument.Parse(text);
        Assert.Contains(json.RootElement.GetProperty("games").EnumerateArray(), g => g.GetProperty("name").GetString() == "mariokartwii");
        Assert.DoesNotContain("9r3Rmy", text);
    }

    [Fact]
    public async Task An_operator_reload_picks_up_an_edited_file_and_reports_bad_lines()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-gl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "games.tsv");
        await File.WriteAllTextAsync(file, Header + "mariokartwii\t1687\t9r3Rmy\t-\t-\tyes\tMario Kart Wii\n");
        await using var node = await TestNode.StartAsync(o => o with { GameListFile = file }, folder: folder);
        var provider = node.Node.Context.Services.Get<GameListProvider>();
        Assert.Equal(1, provider.Current.Count);

        await File.WriteAllTextAsync(file, Header +
            "mariokartwii\t1687\t9r3Rmy\t-\t-\tno\tMario Kart Wii\n" +
            "mariokartds\t1238\tyeJ3x8\t-\t-\tyes\tMario Kart DS\n" +
            "this line is broken\n");
        var response = await node.Admin.PostAsync("admin/gamelist/reload", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, json.RootElement.GetProperty("games").GetInt32());
        Assert.Single(json.RootElement.GetProperty("skippedLines").EnumerateArray());
        Assert.True(provider.Current.TryGetByName("mariokartwii", out var mkw));
        Assert.False(mkw.Enabled);
    }

    [Fact]
    public async Task A_reload_from_a_vanished_file_keeps_the_games_already_loaded()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-gl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "games.tsv");
        await File.WriteAllTextAsync(file, Header + "mariokartwii\t1687\t9r3Rmy\t-\t-\tyes\tMario Kart Wii\n");
        await using var node = await TestNode.StartAsync(o => o with { GameListFile = file }, folder: folder);
        File.Delete(file);
        var response = await node.Admin.PostAsync("admin/gamelist/reload", null);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True(node.Node.Context.Services.Get<GameListProvider>().Current.TryGetByName("mariokartwii", out _));
    }

    [Fact]
    public async Task A_missing_game_list_stops_start_up_with_the_setting_named()
    {
        var error = await Assert.ThrowsAsync<Wiimmfi.Host.Node.NodeStartupException>(() =>
            TestNode.StartAsync(o => o with { GameListFile = "/nonexistent/games.tsv" }));
        Assert.Contains("wiimmfi.game-list-file", error.Message);
    }
}
