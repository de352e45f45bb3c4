namespace Wiimmfi.Actors.Sessions;

/// <summary>
/// Who is behind an online session, as the GPCM login established it. Read by friends' sessions
/// (game checks), the admin session list and moderation (IP/MAC matching).
/// </summary>
/// <param name="ProfileId">The profile; also the session entity's id.</param>
/// <param name="UserId">The console's NAS user id.</param>
/// <param name="UniqueNick">The profile's GameSpy unique nick.</param>
/// <param name="Gsbrcd">The branch code the profile belongs to (its first 4 characters are the friend-code game id).</param>
/// <param name="GameName">The GameSpy gamename of the login (e.g. <c>mariokartwii</c>).</param>
/// <param name="InGameNick">The in-game name NAS received (the Mii name for MKW).</param>
/// <param name="FriendCode">The profile's friend code, <c>DDDD-DDDD-DDDD</c>.</param>
/// <param name="UnitCode">0 DS, 1 Wii.</param>
/// <param name="Ip">The console's address as text.</param>
/// <param name="Mac">The console's MAC (12 lower-case hex digits), when NAS received one.</param>
/// <param name="NgId">The console's NG id from its Wii number, when valid.</param>
/// <param name="LoginTime">When the GPCM login completed.</param>
public sealed record SessionIdentity(
    uint ProfileId,
    long UserId,
    string UniqueNick,
    string Gsbrcd,
    string GameName,
    string InGameNick,
    string FriendCode,
    int UnitCode,
    string? Ip,
    string? Mac,
    uint? NgId,
    DateTimeOffset LoginTime);
