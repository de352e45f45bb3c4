using System.Globalization;

namespace Wiimmfi.Protocols.ServerBrowser.Filter;

internal enum FilterValueKind : byte
{
    Number,
    Text,
    /// <summary>The result of an arithmetic error (division by zero, non-numeric operand): every comparison
    /// with it is false.</summary>
    Invalid,
}

/// <summary>A value during evaluation: an integer, a span of text (a literal or a server's value), or invalid.
/// A ref struct so that server values are never copied into strings.</summary>
internal readonly ref struct FilterValue
{
    public readonly FilterValueKind Kind;
    public readonly long Number;
    public readonly ReadOnlySpan<char> Text;

    private FilterValue(FilterValueKind kind, long number, ReadOnlySpan<char> text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    public static FilterValue FromNumber(long number) => new(FilterValueKind.Number, number, default);

    public static FilterValue FromText(ReadOnlySpan<char> text) => new(FilterValueKind.Text, 0, text);

    public static FilterValue FromBool(bool value) => new(FilterValueKind.Number, value ? 1 : 0, default);

    public static FilterValue Invalid => new(FilterValueKind.Invalid, 0, default);

    /// <summary>The value as an integer: numbers as they are, text when it is a decimal integer.</summary>
    public bool TryGetNumber(out long number)
    {
        switch (Kind)
        {
            case FilterValueKind.Number:
                number = Number;
                return true;
            case FilterValueKind.Text:
                return TryParseInteger(Text, out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>Strict decimal integer: optional sign, digits, nothing else (no spaces, no hex).</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out long number) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
}
