namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// Why a QR2 datagram was refused. Frozen numbers (they are metric labels): append only.
/// </summary>
public enum Qr2ParseError
{
    /// <summary>Parsed fine.</summary>
    None = 0,
    /// <summary>Shorter than the type + instance key header, or than the type's fixed fields.</summary>
    TooShort = 1,
    /// <summary>Longer than <see cref="Qr2Limits.MaxDatagramLength"/>.</summary>
    TooLong = 2,
    /// <summary>A type byte no client sends (unknown, or a server→client type).</summary>
    UnsupportedType = 3,
    /// <summary>A key, value or string field longer than its bound.</summary>
    StringTooLong = 4,
    /// <summary>More server keys than <see cref="Qr2Limits.MaxServerKeys"/>.</summary>
    TooManyKeys = 5,
    /// <summary>A player/team section with too many rows or key names.</summary>
    SectionTooLarge = 6,
    /// <summary>A player/team section that ends before its declared keys/values.</summary>
    Truncated = 7,
    /// <summary>Bytes that fit no layout (wrong magic, stray bytes where a count belongs).</summary>
    Malformed = 8,
    /// <summary>A required string is empty (e.g. the availability check's gamename).</summary>
    MissingField = 9,
}
