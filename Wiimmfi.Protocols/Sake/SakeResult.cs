namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// Result of a SAKE action, sent as the text of <c>&lt;ActionResult&gt;</c>; the enum name is the
/// wire text. Numbers 0–17 follow the order in which the GameSpy SDK checks the strings it
/// recognises (not the SDK's own enum numbers, which include client-side results); the rest
/// are strings WiiLink also defines, which the SDK reports as "unknown error". Frozen numbers;
/// append only.
/// </summary>
public enum SakeResult
{
    Success = 0,
    SecretKeyInvalid = 1,
    ServiceDisabled = 2,
    DatabaseUnavailable = 3,
    LoginTicketInvalid = 4,
    LoginTicketExpired = 5,
    TableNotFound = 6,
    RecordNotFound = 7,
    FieldNotFound = 8,
    FieldTypeInvalid = 9,
    NoPermission = 10,
    RecordLimitReached = 11,
    AlreadyRated = 12,
    NotRateable = 13,
    NotOwned = 14,
    FilterInvalid = 15,
    SortInvalid = 16,
    TargetFilterInvalid = 17,
    UnknownError = 18,
    BadNumFields = 19,
    AlreadyReported = 20,
    NotModerated = 21,
    CategoryInvalid = 22,
    DuplicateRecord = 23,
}

/// <summary>Wire text of <see cref="SakeResult"/>.</summary>
public static class SakeResultText
{
    /// <summary>The string sent in the result element.</summary>
    public static string ToWire(SakeResult result) =>
        Enum.IsDefined(result) ? result.ToString() : nameof(SakeResult.UnknownError);

    private static readonly Dictionary<string, SakeResult> ByName =
        Enum.GetValues<SakeResult>().ToDictionary(result => result.ToString(), StringComparer.Ordinal);

    /// <summary>Parses a result string; anything unknown reads as <see cref="SakeResult.UnknownError"/> (as the SDK does).</summary>
    public static SakeResult Parse(string text) =>
        ByName.TryGetValue(text.Trim(), out var result) ? result : SakeResult.UnknownError;
}
