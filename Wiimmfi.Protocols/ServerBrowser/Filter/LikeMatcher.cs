namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>
/// SQL LIKE matching without compiling the pattern: <c>%</c> matches any run (also empty), <c>_</c> exactly one
/// character, <c>\x</c> the character x literally (a trailing <c>\</c> is itself). Letters compare ASCII
/// case-insensitively, as AltWFC and MySQL-style collations do.
/// </summary>
/// <remarks>Greedy matching with one remembered <c>%</c> position: O(text × pattern) in the worst case, and both
/// are bounded (values 256, literals 128 characters).</remarks>
public static class LikeMatcher
{
    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/>.</summary>
    public static bool Matches(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        int t = 0, p = 0;
        int starPattern = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                char pc = pattern[p];
                if (pc == '%')
                {
                    starPattern = ++p;
                    starText = t;
                    continue;
                }
                if (pc == '_')
                {
                    p++;
                    t++;
                    continue;
                }
                int width = 1;
                if (pc == '\\' && p + 1 < pattern.Length)
                {
                    pc = pattern[p + 1];
                    width = 2;
                }
                if (char.ToLowerInvariant(pc) == char.ToLowerInvariant(text[t]) && IsAsciiOrSame(pc, text[t]))
                {
                    p += width;
                    t++;
                    continue;
                }
            }
            if (starPattern < 0)
                return false;
            p = starPattern;
            t = ++starText;
        }
        while (p < pattern.Length && pattern[p] == '%')
            p++;
        return p == pattern.Length;
    }

    /// <summary>Case folding is ASCII only: outside ASCII, characters must be identical.</summary>
    private static bool IsAsciiOrSame(char a, char b) => a == b || (char.IsAscii(a) && char.IsAscii(b));
}
