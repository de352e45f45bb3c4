namespace Wiimmfi.Protocols.Nas;

/// <summary>
/// Whole-word profanity matching the way WiiLink does it: compare case-insensitively after
/// mapping look-alike characters (<c>1→i 0→o 5→s 4→a 3→e 7→t 9→g 2→z (→c</c>). The word list is
/// operator data, passed in.
/// </summary>
public sealed class NasProfanityFilter
{
    private readonly HashSet<string> _words;

    /// <summary>Creates a filter over <paramref name="badWords"/> (normalised the same way as checked words).</summary>
    public NasProfanityFilter(IEnumerable<string> badWords)
    {
        ArgumentNullException.ThrowIfNull(badWords);
        _words = new HashSet<string>(badWords.Select(Normalize).Where(w => w.Length > 0), StringComparer.Ordinal);
    }

    /// <summary>Lower case with look-alike digits and symbols mapped to letters.</summary>
    public static string Normalize(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return string.Create(word.Length, word, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch
                {
                    '1' => 'i',
                    '0' => 'o',
                    '5' => 's',
                    '4' => 'a',
                    '3' => 'e',
                    '7' => 't',
                    '9' => 'g',
                    '2' => 'z',
                    '(' => 'c',
                    var c => char.ToLowerInvariant(c),
                };
            }
        });
    }

    /// <summary>True when the whole (normalised) word is on the list.</summary>
    public bool IsProfane(string word) => _words.Contains(Normalize(word));

    /// <summary>One flag per word, for <see cref="NasResponses.Profanity"/>.</summary>
    public bool[] Check(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var flags = new bool[words.Count];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = IsProfane(words[i]);
        }

        return flags;
    }
}
