namespace Wiimmfi.Actors.Storage;

/// <summary>A GameSpy profile as stored.</summary>
/// <param name="ProfileId">Unsigned 32-bit id, never 0; the low 32 bits of the friend code.</param>
/// <param name="UserId">The 43-bit NAS user id; with <paramref name="Gsbrcd"/> the profile key.</param>
/// <param name="Gsbrcd">The GameSpy branch code.</param>
/// <param name="GameCode">The disc's ID4 at creation.</param>
/// <param name="InGameNick">The in-game name at the last login.</param>
/// <param name="UniqueNick">The GameSpy uniquenick.</param>
/// <param name="Email">The profile's email.</param>
/// <param name="FirstName">GPCM <c>updatepro</c> first name (MKW: <c>Wii:&lt;cfc&gt;@RMCJ</c>), or empty.</param>
/// <param name="LastName">GPCM <c>updatepro</c> last name, or empty.</param>
/// <param name="LastStatus">The last published presence.</param>
/// <param name="LastLogin">Time of the last successful GPCM login, null before the first.</param>
/// <param name="LastIp">Address of the last login, as text.</param>
/// <param name="LastMac">Console MAC of the last login (12 lowercase hex digits).</param>
public sealed record ProfileRecord(
    uint ProfileId,
    long UserId,
    string Gsbrcd,
    string GameCode,
    string InGameNick,
    string UniqueNick,
    string Email,
    string FirstName,
    string LastName,
    ProfileStatus LastStatus,
    DateTimeOffset Created,
    DateTimeOffset? LastLogin,
    string? LastIp,
    string? LastMac)
{
    /// <summary>
    /// The 4-character game id the friend code is computed with: the gsbrcd's prefix
    /// (for Mario Kart Wii always <c>RMCJ</c>, whatever the disc region; friend-code.md §1).
    /// </summary>
    public string FriendCodeGameId => Gsbrcd[..4];
}
