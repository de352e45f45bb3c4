using Wiimmfi.Protocols.Common.GameList;

namespace Wiimmfi.Tests.Protocols.GameList;

public class GameCatalogTests
{
    private static GameCatalogLoadResult LoadShippedList() =>
        GameCatalogParser.Parse(File.ReadAllText(MatchmakingVectors.RepositoryFile("gamelist", "games.tsv")));

    [Fact]
    public void Shipped_game_list_loads_without_errors()
    {
        var result = LoadShippedList();
        Assert.True(result.IsClean, string.Join("; ", result.Errors));
        Assert.True(result.Catalog.Count >= 4);
    }

    [Fact]
    public void Mario_Kart_Wii_is_found_by_name_and_by_game_id_with_its_secret_key()
    {
        var catalog = LoadShippedList().Catalog;
        Assert.True(catalog.TryGetByName("mariokartwii", out var byName));
        Assert.Equal(1687, byName.GameId);
        Assert.Equal("9r3Rmy", byName.SecretKey);
        Assert.Null(byName.GameStatsVersion);
        Assert.True(byName.Enabled);
        Assert.True(catalog.TryGetById(1687, out var byId));
        Assert.Same(byName, byId);
        Assert.True(catalog.TryGetByName("mariokartwii".AsSpan(), out var bySpan));
        Assert.Same(byName, bySpan);
    }

    [Theory]
    [InlineData("mariokartds", 1238, "yeJ3x8", null, null)]
    [InlineData("smashbrosxwii", 1658, "3AxIg4", 3, "SeBQcoBRMEYxbDhcvtAQ")]
    [InlineData("mschargedwii", 1556, "B4LdGW", 3, "DbfBialvJznkQWYuOrRa")]
    public void Shipped_list_carries_the_facts_of_the_fact_sheet(string name, int id, string key, int? statsVersion, string? statsKey)
    {
        var catalog = LoadShippedList().Catalog;
        Assert.True(catalog.TryGetByName(name, out var game));
        Assert.Equal(id, game.GameId);
        Assert.Equal(key, game.SecretKey);
        Assert.Equal(statsVersion, game.GameStatsVersion);
        Assert.Equal(statsKey, game.GameStatsKey);
    }

    [Fact]
    public void Unknown_game_is_not_found_and_has_no_secret_key()
    {
        var catalog = LoadShippedList().Catalog;
        Assert.False(catalog.TryGetByName("nosuchgame", out _));
        Assert.False(catalog.TryGetById(999999, out _));
        Assert.Null(catalog.SecretKeyOf("nosuchgame"));
    }

    [Fact]
    public void Lookup_by_name_is_exact_so_upper_case_does_not_match()
    {
        var catalog = LoadShippedList().Catalog;
        Assert.False(catalog.TryGetByName("MarioKartWii", out _));
    }

    [Fact]
    public void Disabled_game_is_found_but_yields_no_secret_key()
    {
        var result = GameCatalogParser.Parse("offgame\t5\tabcdef\t-\t-\tno\tSwitched off\n");
        Assert.True(result.IsClean);
        Assert.True(result.Catalog.TryGetByName("offgame", out var game));
        Assert.False(game.Enabled);
        Assert.Null(result.Catalog.SecretKeyOf("offgame"));
    }

    [Fact]
    public void Bad_lines_are_reported_with_line_numbers_and_good_lines_still_load()
    {
        string text = string.Join('\n',
            "# comment",
            "",
            "good1\t1\tkeyone\t-\t-\tyes\tGood one",   // line 3
            "toofew\t1\tkey",                          // line 4: column count
            "badid\tabc\tkey\t-\t-\tyes",              // line 5: id not a number
            "badver\t2\tkey\t7\tKKKKKKKKKKKKKKKKKKKK\tyes", // line 6: version out of range
            "halfstats\t3\tkey\t2\t-\tyes",            // line 7: version without key
            "badflag\t4\tkey\t-\t-\tmaybe",            // line 8: enabled
            "bad name\t5\tkey\t-\t-\tyes",             // line 9: space in gamename
            "good1\t6\tother\t-\t-\tyes",              // line 10: duplicate name
            "good2\t-\t-\t-\t-\tno");                  // line 11: all optional empty

        var result = GameCatalogParser.Parse(text);

        Assert.Equal([4, 5, 6, 7, 8, 9, 10], result.Errors.Select(e => e.LineNumber));
        Assert.Contains("columns", result.Errors[0].Message);
        Assert.Contains("already defined on line 3", result.Errors[^1].Message);
        Assert.Equal(["good1", "good2"], result.Catalog.Games.Select(g => g.Name));
        Assert.True(result.Catalog.TryGetByName("good1", out var first));
        Assert.Equal("keyone", first.SecretKey);
        Assert.True(result.Catalog.TryGetByName("good2", out var second));
        Assert.Null(second.GameId);
        Assert.Null(second.SecretKey);
        Assert.Equal(11, second.LineNumber);
    }

    [Fact]
    public void Duplicate_game_id_is_reported_and_the_first_row_owns_the_id()
    {
        var result = GameCatalogParser.Parse("a\t7\tk1\t-\t-\tyes\nb\t7\tk2\t-\t-\tyes\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.LineNumber);
        Assert.True(result.Catalog.TryGetById(7, out var owner));
        Assert.Equal("a", owner.Name);
        Assert.True(result.Catalog.TryGetByName("b", out _));
    }

    [Fact]
    public void Windows_line_endings_and_byte_order_mark_are_accepted()
    {
        var result = GameCatalogParser.Parse("\uFEFFa\t1\tk\t-\t-\tyes\tA\r\nb\t2\tk\t-\t-\tno\r\n");
        Assert.True(result.IsClean, string.Join("; ", result.Errors));
        Assert.Equal(["a", "b"], result.Catalog.Games.Select(g => g.Name));
        Assert.Equal("A", result.Catalog.Games[0].Description);
    }

    [Fact]
    public void Parsing_is_pure_so_reloading_changed_text_gives_a_new_catalog_and_leaves_the_old_one_intact()
    {
        var before = GameCatalogParser.Parse("a\t1\told\t-\t-\tyes\n").Catalog;
        var after = GameCatalogParser.Parse("a\t1\tnew\t-\t-\tyes\n").Catalog;
        Assert.Equal("old", before.SecretKeyOf("a"));
        Assert.Equal("new", after.SecretKeyOf("a"));
    }

    [Fact]
    public void Game_info_text_never_shows_the_secret_key()
    {
        var catalog = LoadShippedList().Catalog;
        Assert.True(catalog.TryGetByName("mariokartwii", out var game));
        Assert.DoesNotContain("9r3Rmy", game.ToString());
    }
}
