namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// A parsed SAKE storage request. Every action carries the same four leading elements; the
/// derived records (<see cref="SakeCreateRecordRequest"/> …) add the action's own.
/// </summary>
/// <param name="GameId">GameSpy game id (MKW 1687); the service looks it up in the game list.</param>
/// <param name="SecretKey">Must equal the game's secret key.</param>
/// <param name="LoginTicket">The GPCM <c>lt</c>; identifies the caller's profile.</param>
/// <param name="TableId">The table the action works on.</param>
public abstract record SakeRequest(int GameId, string SecretKey, string LoginTicket, string TableId)
{
    /// <summary>Which action this is.</summary>
    public abstract SakeAction Action { get; }
}
