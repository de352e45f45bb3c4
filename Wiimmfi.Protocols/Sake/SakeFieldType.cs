namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// Type of a SAKE field value. Numbers are WiiLink's storage ids, kept so stored data can be
/// exchanged; frozen, append only. The wire form is the element name (<see cref="SakeFieldTypes"/>).
/// </summary>
public enum SakeFieldType
{
    Byte = 0,
    Short = 1,
    Int = 2,
    Float = 3,
    AsciiString = 4,
    UnicodeString = 5,
    Boolean = 6,
    DateAndTime = 7,
    BinaryData = 8,
    Int64 = 9,
}

/// <summary>Maps field types to and from their value element names (<c>intValue</c>, …).</summary>
public static class SakeFieldTypes
{
    private static readonly string[] Tags =
    [
        "byteValue", "shortValue", "intValue", "floatValue", "asciiStringValue",
        "unicodeStringValue", "booleanValue", "dateAndTimeValue", "binaryDataValue", "int64Value",
    ];

    /// <summary>The element name carrying a value of <paramref name="type"/>.</summary>
    public static string ToTag(SakeFieldType type) => Tags[(int)type];

    /// <summary>The type whose element name is <paramref name="tag"/> (case-sensitive, as XML is).</summary>
    public static bool TryFromTag(string tag, out SakeFieldType type)
    {
        var index = Array.IndexOf(Tags, tag);
        type = (SakeFieldType)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>True for the integer types (byte, short, int, int64).</summary>
    public static bool IsInteger(SakeFieldType type) =>
        type is SakeFieldType.Byte or SakeFieldType.Short or SakeFieldType.Int or SakeFieldType.Int64;
}
