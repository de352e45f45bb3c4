using Microsoft.Extensions.Logging;
using Wiimmfi.Protocols.Common.GameList;

namespace Wiimmfi.Actors.Games;

/// <summary>
/// The node's current game list (per-game names, ids, secret keys, enabled flags), loaded from the operator's
/// data file at start and re-read on reload — SIGHUP or the management route, as Wiimmfi's MASTER re-read its
/// game database on HANGUP. Readers take <see cref="Current"/> once per request and keep that snapshot: a reload
/// swaps the whole catalog atomically, so nobody sees half a file. A reload whose file cannot be read keeps the
/// old catalog; bad lines are skipped and reported, the good ones take effect.
/// </summary>
public sealed class GameListProvider
{
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly object _reloadLock = new();
    private volatile GameCatalog _current;

    private GameListProvider(string path, GameCatalog initial, ILogger logger)
    {
        _path = path;
        _current = initial;
        _logger = logger;
    }

    /// <summary>The catalog in force; unknown and disabled games are refused by every service.</summary>
    public GameCatalog Current => _current;

    /// <summary>The file the list is read from.</summary>
    public string Path => _path;

    /// <summary>When the list was last (re)loaded.</summary>
    public DateTimeOffset LoadedAt { get; private set; }

    /// <summary>Loads the list at start; a missing or unreadable file is fatal then (the node cannot serve games).</summary>
    public static GameListProvider Load(string path, ILogger logger, TimeProvider time)
    {
        var provider = new GameListProvider(path, GameCatalog.Empty, logger);
        var result = provider.Reload(time);
        if (result.Failure is not null) throw new IOException(result.Failure);
        return provider;
    }

    /// <summary>A provider over a fixed catalog (tests, tools).</summary>
    public static GameListProvider Fixed(GameCatalog catalog, ILogger logger) => new("(in memory)", catalog, logger);

    /// <summary>Re-reads the file and swaps the catalog in; the old one stays if the file cannot be read.</summary>
    public GameListReloadResult Reload(TimeProvider time)
    {
        lock (_reloadLock)
        {
            string text;
            try
            {
                text = File.ReadAllText(_path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.LogError("Game list {Path} could not be read: {Error}; keeping the {Count} games already loaded", _path, e.Message, _current.Count);
                return new GameListReloadResult(_current.Count, [], $"cannot read the game list {_path}: {e.Message}");
            }
            var parsed = GameCatalogParser.Parse(text);
            foreach (var error in parsed.Errors) _logger.LogWarning("Game list {Path} {Error}", _path, error);
            _current = parsed.Catalog;
            LoadedAt = time.GetUtcNow();
            _logger.LogInformation("Game list {Path} loaded: {Count} games, {Errors} bad lines", _path, parsed.Catalog.Count, parsed.Errors.Count);
            return new GameListReloadResult(parsed.Catalog.Count, [.. parsed.Errors.Select(e => e.ToString())], null);
        }
    }
}

/// <summary>What a (re)load did: games now known, lines skipped, or why nothing changed.</summary>
public sealed record GameListReloadResult(int Games, IReadOnlyList<string> SkippedLines, string? Failure);
