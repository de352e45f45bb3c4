namespace Wiimmfi.Protocols.Nas;

/// <summary>
/// What a NAS login token stands for: the login record GPCM (and GameStats) need to accept the
/// console. Sealed into an opaque string by <see cref="NasAuthTokenCodec"/>.
/// </summary>
/// <param name="IssuedAt">When NAS issued the token (whole seconds are kept).</param>
/// <param name="UserId">Console user id.</param>
/// <param name="Gsbrcd">Branch code; with the user id it keys the profile (at most 16 characters).</param>
/// <param name="GameCode">ID4 of the disc (4 characters).</param>
/// <param name="Platform">DS or Wii.</param>
/// <param name="ConsoleFriendCode">Wii number, 0 on DS.</param>
/// <param name="Region">Region byte (0xFF unknown).</param>
/// <param name="Language">Language byte (0xFF unknown).</param>
/// <param name="NasChallenge">The 8-letter challenge sent with the token; the GPCM proof uses it.</param>
/// <param name="InGameNameRaw">In-game name as sent (UTF-16); at most 64 bytes are kept.</param>
public sealed record NasAuthToken(
    DateTimeOffset IssuedAt,
    ulong UserId,
    string Gsbrcd,
    string GameCode,
    NasPlatform Platform,
    ulong ConsoleFriendCode,
    byte Region,
    byte Language,
    string NasChallenge,
    byte[] InGameNameRaw)
{
    /// <summary>The token record of a validated login request, issued now with a fresh or given challenge.</summary>
    public static NasAuthToken ForLogin(NasLoginRequest login, string nasChallenge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(login);
        return new NasAuthToken(now, login.UserId, login.Gsbrcd, login.GameCode, login.Platform, login.ConsoleFriendCode,
            login.Region, login.Language, nasChallenge, login.InGameNameRaw);
    }

    /// <summary>The in-game name decoded in the platform's byte order.</summary>
    public string InGameName => NasForm.DecodeUtf16(InGameNameRaw, Platform == NasPlatform.Wii);
}
