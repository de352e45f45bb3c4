namespace Wiimmfi.Actors.Storage;

/// <summary>The latest GAMESTATS upload of one player of one game.</summary>
public sealed record GameStatsUpload(string GameName, string ProfileId, string Script, string Data, long Uploads, DateTimeOffset First, DateTimeOffset Last);

/// <summary>
/// What GAMESTATS <c>put2.asp</c> receives, kept as sent: no reference decodes the DWC-encrypted data, so the
/// latest upload per (game, pid) is stored for later analysis (bounded: one row per player and game).
/// </summary>
public interface IGameStatsStore
{
    /// <summary>Stores (or replaces) the player's latest upload.</summary>
    Task SaveUploadAsync(string gameName, string profileId, string script, string data, CancellationToken cancellationToken = default);

    /// <summary>The player's latest upload, or null.</summary>
    Task<GameStatsUpload?> GetUploadAsync(string gameName, string profileId, CancellationToken cancellationToken = default);
}
