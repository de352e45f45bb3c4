namespace Wiimmfi.Actors.Storage;

/// <summary>
/// What one NAS request tells about a console. Null fields are "not sent this time" and leave
/// the stored value alone.
/// </summary>
/// <param name="Mac">MAC address (NAS <c>macadr</c>); any spelling <see cref="ConsoleMac"/> accepts.</param>
/// <param name="NgId">The Wii's Hollywood/NG id (the "console id"), recovered from the cfc by the caller.</param>
/// <param name="ConsoleFriendCode">NAS <c>cfc</c>, the 16-digit Wii number.</param>
/// <param name="Serial">NAS <c>csnum</c>, the Wii serial number.</param>
/// <param name="UserId">The 43-bit NAS user id the console uses.</param>
public sealed record ConsoleSighting(
    string Mac,
    uint? NgId = null,
    long? ConsoleFriendCode = null,
    string? Serial = null,
    long? UserId = null);
