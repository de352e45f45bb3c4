using System.Collections.Frozen;

namespace Wiimmfi.Protocols.Common.GameList;

/// <summary>
/// The immutable table of known games, looked up by gamename and by GameSpy game id.
/// </summary>
/// <remarks>
/// Built only by <see cref="GameCatalogParser.Parse"/> (a pure function of the file's text), so reloading the
/// list is "parse the new text, then swap the reference": readers holding the old catalog are never disturbed.
/// Names are matched exactly (ordinal): consoles send gamenames in lower case, as the table stores them.
/// When two rows share a game id, the first row owns the id (ids are informational for most games; the
/// duplicate is reported by the parser).
/// </remarks>
public sealed class GameCatalog
{
    private readonly FrozenDictionary<string, GameInfo> _byName;
    private readonly FrozenDictionary<string, GameInfo>.AlternateLookup<ReadOnlySpan<char>> _byNameSpan;
    private readonly FrozenDictionary<int, GameInfo> _byId;

    /// <summary>A catalog without games (before the first load, or when the file is missing).</summary>
    public static GameCatalog Empty { get; } = new([]);

    internal GameCatalog(IReadOnlyList<GameInfo> games)
    {
        Games = games;
        var byName = new Dictionary<string, GameInfo>(games.Count, StringComparer.Ordinal);
        var byId = new Dictionary<int, GameInfo>();
        foreach (var game in games)
        {
            byName.TryAdd(game.Name, game);
            if (game.GameId is int id)
                byId.TryAdd(id, game);
        }
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _byNameSpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _byId = byId.ToFrozenDictionary();
    }

    /// <summary>Every game, in file order.</summary>
    public IReadOnlyList<GameInfo> Games { get; }

    /// <summary>Number of games.</summary>
    public int Count => Games.Count;

    /// <summary>Finds a game by gamename (exact, ordinal), enabled or not.</summary>
    public bool TryGetByName(string gameName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GameInfo? game) =>
        _byName.TryGetValue(gameName, out game);

    /// <summary>Finds a game by gamename given as a span (no string allocation on the hot path).</summary>
    public bool TryGetByName(ReadOnlySpan<char> gameName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GameInfo? game) =>
        _byNameSpan.TryGetValue(gameName, out game);

    /// <summary>
    /// A game QR2 and the server browser serve: known, enabled, and with a secret key to check challenges and encrypt
    /// lists with. Otherwise false, with the reason both tell the console (<c>Unknown game</c>, <c>Game is disabled</c>,
    /// <c>Game has no secret key</c>).
    /// </summary>
    public bool TryGetMatchmakingGame(ReadOnlySpan<char> gameName,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GameInfo? game,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? refusal)
    {
        if (!TryGetByName(gameName, out game)) refusal = "Unknown game";
        else if (!game.Enabled) refusal = "Game is disabled";
        else if (game.SecretKey is null) refusal = "Game has no secret key";
        else
        {
            refusal = null;
            return true;
        }
        game = null;
        return false;
    }

    /// <summary>Finds a game by its GameSpy game id.</summary>
    public bool TryGetById(int gameId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GameInfo? game) =>
        _byId.TryGetValue(gameId, out game);

    /// <summary>
    /// The secret key of an enabled game, or null when the game is unknown, disabled or has no key — the
    /// three cases in which QR2 and the server browser must refuse the game.
    /// </summary>
    public string? SecretKeyOf(string gameName) =>
        _byName.TryGetValue(gameName, out var game) && game.Enabled ? game.SecretKey : null;
}
