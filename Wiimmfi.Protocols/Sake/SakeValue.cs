using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// A typed SAKE field value, held as its validated wire text.
/// </summary>
/// <remarks>
/// Keeping the text (rather than a converted number) lets the server hand back exactly what the
/// console stored, which MKW expects, and makes storage trivial (type id + text). Every instance
/// is valid for its type: values from the network go through <see cref="TryParse"/>, values the
/// server makes go through the <c>From…</c> factories, which write canonical text.
/// Booleans are the one normalisation: the SDK writes <c>0</c>/<c>1</c> but reads only
/// <c>true</c> as true, so a stored boolean is kept as <c>true</c>/<c>false</c>.
/// </remarks>
public sealed record SakeValue
{
    private SakeValue(SakeFieldType type, string text)
    {
        Type = type;
        Text = text;
    }

    /// <summary>The value's type (its element name on the wire).</summary>
    public SakeFieldType Type { get; }

    /// <summary>The wire text inside <c>&lt;value&gt;</c>.</summary>
    public string Text { get; }

    /// <summary>
    /// Validates wire text of a field of <paramref name="type"/> (sake.md §5). Surrounding white
    /// space is trimmed for every type except strings.
    /// </summary>
    public static bool TryParse(
        SakeFieldType type, string text, SakeLimits limits,
        [NotNullWhen(true)] out SakeValue? value, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        value = null;
        error = null;
        var trimmed = text.Trim();
        switch (type)
        {
            case SakeFieldType.Byte:
                return Integer(type, trimmed, byte.MinValue, byte.MaxValue, out value, out error);
            case SakeFieldType.Short:
                return Integer(type, trimmed, short.MinValue, short.MaxValue, out value, out error);
            case SakeFieldType.Int:
                return Integer(type, trimmed, int.MinValue, int.MaxValue, out value, out error);
            case SakeFieldType.Int64:
                return Integer(type, trimmed, long.MinValue, long.MaxValue, out value, out error);
            case SakeFieldType.Float:
                // The SDK writes printf("%f"), so 3.4e38 arrives as 39 digits + ".000000"; 64 covers it.
                if (trimmed.Length is 0 or > 64
                    || !float.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var single)
                    || !float.IsFinite(single))
                {
                    error = $"'{Shorten(trimmed)}' is not a finite float.";
                    return false;
                }
                value = new SakeValue(type, trimmed);
                return true;
            case SakeFieldType.AsciiString:
            case SakeFieldType.UnicodeString:
                if (text.Length > limits.MaxValueLength)
                {
                    error = $"String of {text.Length} characters exceeds {limits.MaxValueLength}.";
                    return false;
                }
                value = new SakeValue(type, text);
                return true;
            case SakeFieldType.Boolean:
                if (trimmed is "1" or "true")
                {
                    value = TrueValue;
                    return true;
                }
                if (trimmed is "0" or "false")
                {
                    value = FalseValue;
                    return true;
                }
                error = $"'{Shorten(trimmed)}' is not a boolean (true, false, 1, 0).";
                return false;
            case SakeFieldType.DateAndTime:
                if (!TryParseDateTime(trimmed, out _))
                {
                    error = $"'{Shorten(trimmed)}' is not YYYY-MM-DDThh:mm:ss[.fff][Z].";
                    return false;
                }
                value = new SakeValue(type, trimmed);
                return true;
            case SakeFieldType.BinaryData:
                return Binary(trimmed, limits, out value, out error);
            default:
                error = $"Unknown field type {(int)type}.";
                return false;
        }
    }

    private static readonly SakeValue TrueValue = new(SakeFieldType.Boolean, "true");
    private static readonly SakeValue FalseValue = new(SakeFieldType.Boolean, "false");

    // Canonical decimal only (no '+', no leading zeros, no "-0"), as WiiLink requires and the SDK writes.
    private static bool Integer(SakeFieldType type, string text, long min, long max, out SakeValue? value, out string? error)
    {
        value = null;
        error = null;
        if (text.Length is 0 or > 20
            || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || number.ToString(CultureInfo.InvariantCulture) != text)
        {
            error = $"'{Shorten(text)}' is not a canonical decimal integer.";
            return false;
        }
        if (number < min || number > max)
        {
            error = $"{number} is outside {min}..{max} for {SakeFieldTypes.ToTag(type)}.";
            return false;
        }
        value = new SakeValue(type, text);
        return true;
    }

    private static bool Binary(string text, SakeLimits limits, out SakeValue? value, out string? error)
    {
        value = null;
        error = null;
        // Standard alphabet with padding, nothing else (no whitespace inside, no URL-safe letters).
        var maxTextLength = (limits.MaxValueLength + 2) / 3 * 4;
        if (text.Length > maxTextLength)
        {
            error = $"Binary value exceeds {limits.MaxValueLength} bytes.";
            return false;
        }
        if (!Base64.IsValid(text.AsSpan(), out var decodedLength) || text.Length % 4 != 0 || text.AsSpan().IndexOfAny(" \t\r\n") >= 0)
        {
            error = "Binary value is not standard padded base64.";
            return false;
        }
        var bytes = Convert.FromBase64String(text);
        if (Convert.ToBase64String(bytes) != text)
        {
            // Non-zero padding bits: another text would decode to the same bytes.
            error = "Binary value is not canonical base64.";
            return false;
        }
        if (decodedLength > limits.MaxValueLength)
        {
            error = $"Binary value exceeds {limits.MaxValueLength} bytes.";
            return false;
        }
        value = new SakeValue(SakeFieldType.BinaryData, text);
        return true;
    }

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    private static bool TryParseDateTime(string text, out DateTime dateTime) =>
        DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out dateTime);

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";

    // ---- factories for values the server produces ----

    public static SakeValue FromByte(byte value) => new(SakeFieldType.Byte, value.ToString(CultureInfo.InvariantCulture));

    public static SakeValue FromInt16(short value) => new(SakeFieldType.Short, value.ToString(CultureInfo.InvariantCulture));

    public static SakeValue FromInt32(int value) => new(SakeFieldType.Int, value.ToString(CultureInfo.InvariantCulture));

    public static SakeValue FromInt64(long value) => new(SakeFieldType.Int64, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A float in shortest round-trip form (the SDK reads it with strtod).</summary>
    public static SakeValue FromSingle(float value)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "SAKE floats must be finite.");
        }
        return new(SakeFieldType.Float, value.ToString("R", CultureInfo.InvariantCulture));
    }

    public static SakeValue FromAsciiString(string value) => new(SakeFieldType.AsciiString, value ?? throw new ArgumentNullException(nameof(value)));

    public static SakeValue FromUnicodeString(string value) => new(SakeFieldType.UnicodeString, value ?? throw new ArgumentNullException(nameof(value)));

    public static SakeValue FromBoolean(bool value) => value ? TrueValue : FalseValue;

    /// <summary>A UTC time in WiiLink's layout <c>YYYY-MM-DDThh:mm:ss.fff</c>.</summary>
    public static SakeValue FromDateTime(DateTime value) =>
        new(SakeFieldType.DateAndTime, value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture));

    public static SakeValue FromBinary(ReadOnlySpan<byte> value) => new(SakeFieldType.BinaryData, Convert.ToBase64String(value));

    // ---- typed access ----

    /// <summary>The value of an integer-typed field (byte, short, int, int64).</summary>
    public long GetInteger()
    {
        Require(SakeFieldTypes.IsInteger(Type), "an integer");
        return long.Parse(Text, CultureInfo.InvariantCulture);
    }

    public int GetInt32()
    {
        Require(Type is SakeFieldType.Byte or SakeFieldType.Short or SakeFieldType.Int, "byte, short or int");
        return int.Parse(Text, CultureInfo.InvariantCulture);
    }

    public float GetSingle()
    {
        Require(Type == SakeFieldType.Float, "a float");
        return float.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public bool GetBoolean()
    {
        Require(Type == SakeFieldType.Boolean, "a boolean");
        return Text == "true";
    }

    /// <summary>The time of a dateAndTime value, as UTC.</summary>
    public DateTime GetDateTime()
    {
        Require(Type == SakeFieldType.DateAndTime, "a dateAndTime");
        TryParseDateTime(Text, out var dateTime);
        return dateTime;
    }

    public byte[] GetBytes()
    {
        Require(Type == SakeFieldType.BinaryData, "binary data");
        return Convert.FromBase64String(Text);
    }

    public string GetString()
    {
        Require(Type is SakeFieldType.AsciiString or SakeFieldType.UnicodeString, "a string");
        return Text;
    }

    private void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"A {SakeFieldTypes.ToTag(Type)} is not {what}.");
        }
    }

    public override string ToString() => $"{SakeFieldTypes.ToTag(Type)}({Text})";
}
