namespace Wiimmfi.Protocols.Common;

/// <summary>Outcome of reading a friend code typed by a person or found in a log.</summary>
public enum FriendCodeParseResult
{
    /// <summary>Twelve digits with a checksum that matches the game id.</summary>
    Valid = 0,

    /// <summary>Not twelve decimal digits (dashes and spaces between groups are allowed).</summary>
    Malformed = 1,

    /// <summary>Bits above bit 38 are set: no profile id and checksum can produce this number.</summary>
    OutOfRange = 2,

    /// <summary>Well-formed, but the checksum does not belong to this profile id and game id.</summary>
    WrongChecksum = 3,

    /// <summary>The code is zero, which means "no profile".</summary>
    NoProfile = 4,
}
