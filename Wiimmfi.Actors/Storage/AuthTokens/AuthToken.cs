namespace Wiimmfi.Actors.Storage;

/// <summary>A stored token with everything NAS bound to it; see <see cref="NewAuthToken"/> for the fields.</summary>
public sealed record AuthToken(
    string Token,
    string Challenge,
    long UserId,
    string Gsbrcd,
    string GameCode,
    uint? ProfileId,
    string? Mac,
    long? ConsoleFriendCode,
    byte UnitCode,
    byte Region,
    byte Language,
    string? InGameNick,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
