using Wiimmfi.ConsoleEmulator.Nas;

namespace Wiimmfi.Tests.Login;

/// <summary>NAS refusals that depend on the node's settings: each test starts its own node.</summary>
public sealed class NasSettingsTests
{
    [Fact]
    public async Task In_maintenance_mode_logins_and_account_creation_are_refused_with_101()
    {
        await using var node = await LoginNode.StartAsync(o => o with { Nas = o.Nas with { Maintenance = true } });
        var console = EmulatedConsole.CreateWii() with { UserId = 42 };

        var login = await node.Nas.LoginAsync(console);
        var create = await node.Nas.AcctCreateAsync(console);

        Assert.Equal("101", login.ReturnCode);
        Assert.Equal("1", login.Text("retry"));
        Assert.Null(login.Token);
        Assert.Equal("101", create.ReturnCode);
    }

    [Fact]
    public async Task A_disabled_game_is_refused_with_107_and_other_games_still_log_in()
    {
        await using var node = await LoginNode.StartAsync(o => o with { Nas = o.Nas with { DisabledGames = ["RMCP"] } });

        var (_, american) = await node.Nas.SignInAsync(EmulatedConsole.CreateWii(gameCode: "RMCE"));
        var refused = await node.Nas.LoginAsync(EmulatedConsole.CreateWii(gameCode: "RMCP") with { UserId = 7 });

        Assert.Equal("001", american.ReturnCode);
        Assert.Equal("107", refused.ReturnCode);
    }

    [Fact]
    public async Task A_profane_in_game_name_still_logs_in_with_040()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-words-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var words = Path.Combine(folder, "words.txt");
        await File.WriteAllTextAsync(words, "# test list\nbadword\n");
        try
        {
            await using var node = await LoginNode.StartAsync(o => o with { Nas = o.Nas with { ProfanityFile = words } });

            var (_, login) = await node.Nas.SignInAsync(EmulatedConsole.CreateWii(inGameName: "B4dw0rd"));

            Assert.Equal("040", login.ReturnCode);
            Assert.NotNull(login.Token);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
