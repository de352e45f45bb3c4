using System.Globalization;

namespace Wiimmfi.Protocols.Common.GameList;

/// <summary>
/// Parses our game-list file (<c>gamelist/games.tsv</c>) into a <see cref="GameCatalog"/>.
/// </summary>
/// <remarks>
/// <para>Format (documented again in the file's header comment): UTF-8 text, one game per line, seven
/// tab-separated columns</para>
/// <code>gamename  gameid  secretkey  gamestats_version  gamestats_key  enabled  description</code>
/// <para><c>-</c> (or an empty cell) means "none" for the optional columns (game id, secret key, GameStats).
/// <c>enabled</c> is <c>yes</c>/<c>no</c> (also <c>1/0</c>, <c>true/false</c>). The description is free text
/// and may be left out. Blank lines and lines starting with <c>#</c> are ignored.</para>
/// <para>A bad line never aborts the load: it is skipped and reported with its line number, and every good
/// line still becomes part of the catalog. A gamename seen twice keeps its first row (the later one is
/// reported), so an accidental duplicate cannot silently replace a working secret key.</para>
/// </remarks>
public static class GameCatalogParser
{
    /// <summary>Gamenames are short identifiers; GameSpy's own list has none longer than ~30 characters.</summary>
    public const int MaxGameNameLength = 64;

    /// <summary>Secret keys are 6 characters in every known game; 32 leaves room without accepting junk.</summary>
    public const int MaxSecretKeyLength = 32;

    /// <summary>GameStats keys are 20 characters; 64 leaves room without accepting junk.</summary>
    public const int MaxGameStatsKeyLength = 64;

    private const int ColumnCount = 7;
    private const int RequiredColumnCount = 6;

    /// <summary>Parses the whole text of a game list. Pure: same text, same result.</summary>
    public static GameCatalogLoadResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var games = new List<GameInfo>();
        var errors = new List<GameCatalogLineError>();
        var seenNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenIds = new Dictionary<int, int>();

        int lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF')
                line = line[1..]; // byte-order mark left by some editors
            var trimmed = line.Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#')
                continue;

            if (!TryParseLine(line, lineNumber, out var game, out string? problem))
            {
                errors.Add(new GameCatalogLineError(lineNumber, problem));
                continue;
            }
            if (seenNames.TryGetValue(game.Name, out int firstLine))
            {
                errors.Add(new GameCatalogLineError(lineNumber,
                    $"gamename '{game.Name}' already defined on line {firstLine}; this line is ignored"));
                continue;
            }
            seenNames.Add(game.Name, lineNumber);
            if (game.GameId is int id && !seenIds.TryAdd(id, lineNumber))
            {
                errors.Add(new GameCatalogLineError(lineNumber,
                    $"game id {id} already used on line {seenIds[id]}; lookups by id find that row, lookups by name still find this one"));
            }
            games.Add(game);
        }
        return new GameCatalogLoadResult(new GameCatalog(games), errors);
    }

    private static bool TryParseLine(ReadOnlySpan<char> line, int lineNumber,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GameInfo? game,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        game = null;
        Span<Range> columns = stackalloc Range[ColumnCount + 1];
        int count = line.Split(columns, '\t');
        if (count < RequiredColumnCount || count > ColumnCount)
        {
            problem = $"expected {RequiredColumnCount} or {ColumnCount} tab-separated columns " +
                      "(gamename, gameid, secretkey, gamestats_version, gamestats_key, enabled, description), found " +
                      (count > ColumnCount ? "more" : count.ToString(CultureInfo.InvariantCulture));
            return false;
        }

        var name = line[columns[0]].Trim();
        if (name.IsEmpty || name.Length > MaxGameNameLength || !IsGameNameText(name))
        {
            problem = $"gamename must be 1-{MaxGameNameLength} characters of letters, digits, '_', '-' or '.'";
            return false;
        }

        int? gameId = null;
        var idText = line[columns[1]].Trim();
        if (!IsNone(idText))
        {
            if (!IsAllDigits(idText) || !int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                problem = $"game id '{idText}' is not a whole number between 0 and {int.MaxValue}";
                return false;
            }
            gameId = id;
        }

        string? secretKey = null;
        var keyText = line[columns[2]].Trim();
        if (!IsNone(keyText))
        {
            if (keyText.Length > MaxSecretKeyLength || !IsVisibleAscii(keyText))
            {
                problem = $"secret key must be 1-{MaxSecretKeyLength} visible ASCII characters";
                return false;
            }
            secretKey = keyText.ToString();
        }

        int? statsVersion = null;
        var versionText = line[columns[3]].Trim();
        if (!IsNone(versionText))
        {
            if (versionText.Length != 1 || versionText[0] is < '1' or > '3')
            {
                problem = $"gamestats version '{versionText}' must be 1, 2 or 3";
                return false;
            }
            statsVersion = versionText[0] - '0';
        }

        string? statsKey = null;
        var statsKeyText = line[columns[4]].Trim();
        if (!IsNone(statsKeyText))
        {
            if (statsKeyText.Length > MaxGameStatsKeyLength || !IsVisibleAscii(statsKeyText))
            {
                problem = $"gamestats key must be 1-{MaxGameStatsKeyLength} visible ASCII characters";
                return false;
            }
            statsKey = statsKeyText.ToString();
        }
        if ((statsVersion is null) != (statsKey is null))
        {
            problem = "gamestats version and gamestats key must be given together (or both '-')";
            return false;
        }

        if (!TryParseEnabled(line[columns[5]].Trim(), out bool enabled))
        {
            problem = $"enabled must be yes or no, found '{line[columns[5]].Trim()}'";
            return false;
        }

        string description = count == ColumnCount ? line[columns[6]].Trim().ToString() : "";
        game = new GameInfo(name.ToString(), gameId, secretKey, statsVersion, statsKey, enabled, description, lineNumber);
        problem = null;
        return true;
    }

    private static bool IsNone(ReadOnlySpan<char> cell) => cell.IsEmpty || cell is "-";

    private static bool IsGameNameText(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                return false;
        }
        return true;
    }

    private static bool IsVisibleAscii(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            // Backslash is excluded: GameSpy's \key\value\ messages could not carry it.
            if (c is < '!' or > '~' or '\\')
                return false;
        }
        return true;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }
        return true;
    }

    private static bool TryParseEnabled(ReadOnlySpan<char> text, out bool enabled)
    {
        if (text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text is "1" ||
            text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            enabled = true;
            return true;
        }
        if (text.Equals("no", StringComparison.OrdinalIgnoreCase) || text is "0" ||
            text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            enabled = false;
            return true;
        }
        enabled = false;
        return false;
    }
}
