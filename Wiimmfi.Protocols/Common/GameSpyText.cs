using System.Text;

namespace Wiimmfi.Protocols.Common;

/// <summary>
/// Byte ↔ text conversion for the GameSpy text protocols: every byte is one character
/// (ISO-8859-1), so any byte sequence round-trips unchanged through a string.
/// </summary>
public static class GameSpyText
{
    /// <summary>Decodes bytes as one character per byte.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? string.Empty : Encoding.Latin1.GetString(bytes);

    /// <summary>Encodes text as one byte per character; characters above U+00FF become '?'.</summary>
    public static byte[] Encode(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>True when <paramref name="text"/> can travel as a GameSpy value: no backslash, no NUL, all characters ≤ U+00FF.</summary>
    public static bool IsSafeValue(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c == '\\' || c == '\0' || c > '\u00FF')
            {
                return false;
            }
        }

        return true;
    }
}
