namespace Wiimmfi.Actors.Storage;

/// <summary>
/// A profile to create at the first GPCM login of a (user id, gsbrcd) pair. The caller computes
/// the derived strings (uniquenick = base32(user id) + gsbrcd, email = uniquenick + "@nds") with
/// the protocol codecs; the store only keeps them.
/// </summary>
/// <param name="UserId">The 43-bit NAS user id.</param>
/// <param name="Gsbrcd">The GameSpy branch code, e.g. <c>RMCJ2leohni</c>; its first 4 characters are the friend-code game id.</param>
/// <param name="GameCode">The disc's ID4 at creation (<c>gamecd</c>), e.g. <c>RMCP</c>.</param>
/// <param name="InGameNick">The in-game name (<c>ingamesn</c>).</param>
/// <param name="UniqueNick">The GameSpy uniquenick; unique across profiles.</param>
/// <param name="Email">The profile's email (<c>uniquenick@nds</c>).</param>
/// <param name="RequestedProfileId">
/// A profile id the console asked for (1 … <see cref="ProfileIds.MaxRequestable"/>); null lets the store allocate one.
/// </param>
public sealed record NewProfile(
    long UserId,
    string Gsbrcd,
    string GameCode,
    string InGameNick,
    string UniqueNick,
    string Email,
    uint? RequestedProfileId = null);
