namespace Wiimmfi.Protocols.Common.GameList;

/// <summary>
/// What the server knows about one GameSpy/NWC game: one row of <c>gamelist/games.tsv</c>.
/// </summary>
/// <param name="Name">The GameSpy gamename the console sends (<c>mariokartwii</c>); the lookup key.</param>
/// <param name="GameId">The GameSpy game id used by SAKE/RACE (<c>1687</c> for MKW), or null when unknown.</param>
/// <param name="SecretKey">The game's secret key (QR2 challenge, server-browser cipher, SAKE check), or null.
/// Keep it out of anything shown to users.</param>
/// <param name="GameStatsVersion">GameStats response version 1–3, or null when the game has no GameStats.</param>
/// <param name="GameStatsKey">The 20-character GameStats key, or null.</param>
/// <param name="Enabled">False when the operator switched the game off; lookups still find it so that callers
/// can answer "disabled" rather than "unknown".</param>
/// <param name="Description">Free text for operators, e.g. <c>Mario Kart Wii (Wii)</c>.</param>
/// <param name="LineNumber">Line in the source text the row came from (1-based), for operator messages.</param>
public sealed record GameInfo(
    string Name,
    int? GameId,
    string? SecretKey,
    int? GameStatsVersion,
    string? GameStatsKey,
    bool Enabled,
    string Description,
    int LineNumber)
{
    /// <summary>
    /// The server-browser hostname the game's consoles resolve (<c>mariokartwii.ms19.gs.nintendowifi.net</c>).
    /// </summary>
    public string ServerBrowserHostName => MsHostNumber.HostName(Name);

    /// <summary>Records print their members; never print the secret keys into logs.</summary>
    public override string ToString() =>
        $"GameInfo {{ Name = {Name}, GameId = {GameId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, Enabled = {Enabled}, Description = {Description} }}";
}
