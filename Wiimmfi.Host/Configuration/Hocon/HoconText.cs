using System.Globalization;
using System.Text;

namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>Small text helpers shared by the reader and the renderers.</summary>
internal static class HoconText
{
    /// <summary>Appends <paramref name="value"/> as a JSON/HOCON quoted string.</summary>
    public static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }

    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        AppendQuoted(text, value);
        return text.ToString();
    }

    /// <summary>
    /// True for a JSON number as HOCON reads it: an optional minus, digits, an optional fraction and an
    /// optional exponent. (Leading zeros are tolerated, as the reference implementation does.)
    /// </summary>
    public static bool IsNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }
        var digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        if (i == digits)
        {
            return false;
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fraction = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == fraction)
            {
                return false;
            }
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }
            var exponent = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == exponent)
            {
                return false;
            }
        }
        return i == text.Length;
    }
}
