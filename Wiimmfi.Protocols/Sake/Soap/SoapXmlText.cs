using System.Text;

namespace Wiimmfi.Protocols.Sake.Soap;

/// <summary>
/// Escaping of text for the hand-written XML responses. Mirrors Go's <c>encoding/xml</c> (which
/// produced the WiiLink reference bytes): <c>&amp; &lt; &gt; " '</c> and tab/newline/carriage
/// return become references, characters XML cannot carry become U+FFFD.
/// </summary>
public static class SoapXmlText
{
    /// <summary>Appends <paramref name="text"/> escaped for element content.</summary>
    public static void AppendEscaped(StringBuilder builder, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&#34;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\t': builder.Append("&#x9;"); break;
                case '\n': builder.Append("&#xA;"); break;
                case '\r': builder.Append("&#xD;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (c < 0x20 || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
    }

    /// <summary>Appends <c>&lt;name&gt;escaped text&lt;/name&gt;</c>.</summary>
    public static void AppendElement(StringBuilder builder, string name, ReadOnlySpan<char> text)
    {
        builder.Append('<').Append(name).Append('>');
        AppendEscaped(builder, text);
        builder.Append("</").Append(name).Append('>');
    }

    /// <summary>The XML declaration every GameSpy-style response starts with, newline included.</summary>
    public const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
}
