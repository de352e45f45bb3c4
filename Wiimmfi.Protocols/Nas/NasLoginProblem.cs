namespace Wiimmfi.Protocols.Nas;

/// <summary>Which login field was missing or malformed. Every problem is answered with <c>returncd=103</c>.</summary>
public enum NasLoginProblem
{
    /// <summary>No problem.</summary>
    None = 0,
    /// <summary><c>gamecd</c> absent.</summary>
    MissingGameCode,
    /// <summary><c>gamecd</c> is not 4 printable ASCII characters.</summary>
    InvalidGameCode,
    /// <summary><c>userid</c> absent.</summary>
    MissingUserId,
    /// <summary><c>userid</c> not decimal or not below 2^43.</summary>
    InvalidUserId,
    /// <summary><c>gsbrcd</c> absent.</summary>
    MissingGsbrcd,
    /// <summary><c>gsbrcd</c> not empty and not 4–16 printable ASCII characters without a backslash.</summary>
    InvalidGsbrcd,
    /// <summary><c>unitcd</c> absent.</summary>
    MissingUnitCode,
    /// <summary><c>unitcd</c> neither <c>0</c> nor <c>1</c>.</summary>
    InvalidUnitCode,
    /// <summary><c>cfc</c> absent on a Wii login.</summary>
    MissingConsoleFriendCode,
    /// <summary><c>cfc</c> not decimal or above 9999999999999999.</summary>
    InvalidConsoleFriendCode,
    /// <summary><c>lang</c> present but not exactly one hex byte.</summary>
    InvalidLanguage,
    /// <summary><c>region</c> present but not exactly one hex byte.</summary>
    InvalidRegion,
    /// <summary><c>devname</c> absent on a DS login.</summary>
    MissingDeviceName,
    /// <summary><c>csnum</c> present but longer than 16 characters.</summary>
    InvalidSerialNumber,
}
