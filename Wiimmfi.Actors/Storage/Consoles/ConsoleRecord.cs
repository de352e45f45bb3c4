namespace Wiimmfi.Actors.Storage;

/// <summary>A console as the store knows it.</summary>
/// <param name="Mac">12 lowercase hex digits; the key.</param>
/// <param name="NgId">The Hollywood/NG id ("console id"), when known.</param>
/// <param name="ConsoleFriendCode">The 16-digit Wii number (<c>cfc</c>), when known.</param>
/// <param name="Serial">The Wii serial number (<c>csnum</c>), when known.</param>
/// <param name="UserId">The latest 43-bit NAS user id seen from it.</param>
public sealed record ConsoleRecord(
    string Mac,
    uint? NgId,
    long? ConsoleFriendCode,
    string? Serial,
    long? UserId,
    ConsoleFlags Flags,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen);
