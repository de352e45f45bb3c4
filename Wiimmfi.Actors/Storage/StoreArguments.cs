using System.Net;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Argument checks shared by the stores: they run before any SQL, so bad input never reaches a
/// transaction. NUL characters are refused everywhere because PostgreSQL text cannot hold them
/// and the GameSpy protocols end strings at them.
/// </summary>
internal static class StoreArguments
{
    public static string Text(string? value, string name, int maxLength, bool allowEmpty = true)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (!allowEmpty && value.Length == 0)
        {
            throw new ArgumentException($"{name} must not be empty.", name);
        }
        if (value.Length > maxLength)
        {
            throw new ArgumentException($"{name} is {value.Length} characters long; at most {maxLength} are allowed.", name);
        }
        if (value.Contains('\0'))
        {
            throw new ArgumentException($"{name} must not contain a NUL character.", name);
        }
        return value;
    }

    public static string? OptionalText(string? value, string name, int maxLength) =>
        value is null ? null : Text(value, name, maxLength);

    public static long UserId(long userId, string name = "userId")
    {
        if (userId < 0 || userId > StoreLimits.MaxUserId)
        {
            throw new ArgumentOutOfRangeException(name, userId, "A NAS user id is between 0 and 2^43 - 1.");
        }
        return userId;
    }

    public static long ProfileId(uint profileId, string name = "profileId")
    {
        if (profileId == 0)
        {
            throw new ArgumentOutOfRangeException(name, profileId, "Profile id 0 means \"no profile\" and cannot be stored.");
        }
        return profileId;
    }

    public static long? ConsoleFriendCode(long? code, string name = "consoleFriendCode")
    {
        if (code is < 0 or > StoreLimits.MaxConsoleFriendCode)
        {
            throw new ArgumentOutOfRangeException(name, code, "A console friend code has at most 16 decimal digits.");
        }
        return code;
    }

    public static string Gsbrcd(string? gsbrcd, string name = "gsbrcd")
    {
        Text(gsbrcd, name, StoreLimits.MaxGsbrcdLength);
        if (gsbrcd!.Length < StoreLimits.MinGsbrcdLength)
        {
            throw new ArgumentException($"{name} needs at least {StoreLimits.MinGsbrcdLength} characters (its game id).", name);
        }
        return gsbrcd;
    }

    public static string GameCode(string? gameCode, string name = "gameCode") =>
        Text(gameCode, name, StoreLimits.MaxGameCodeLength, allowEmpty: false);

    /// <summary>IPv4-mapped IPv6 addresses (what a dual-stack listener reports) are stored as IPv4.</summary>
    public static string? IpText(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    public static IPAddress? ParseIp(string? text) => text is null ? null : IPAddress.Parse(text);
}
