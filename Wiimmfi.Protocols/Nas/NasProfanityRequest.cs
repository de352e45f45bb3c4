using System.Text;

namespace Wiimmfi.Protocols.Nas;

/// <summary>
/// A <c>/pr</c> profanity check: a TAB-separated list of words to judge one by one.
/// </summary>
/// <param name="Words">The words, in order. A missing or empty <c>words</c> field counts as one empty (clean) word.</param>
/// <param name="WordsFieldPresent">False when the form had no <c>words</c> (current WiiLink answers HTTP 400 then).</param>
/// <param name="PerRegionResults"><c>wregion=A</c>: the reply also carries <c>prwordsA/C/E/J/K/P</c>.</param>
/// <param name="Form">The whole decoded form.</param>
public sealed record NasProfanityRequest(IReadOnlyList<string> Words, bool WordsFieldPresent, bool PerRegionResults, NasForm Form)
{
    /// <summary>Reads the request. The text encoding is <c>wenc</c> when valid, else UTF-16 in the platform byte order.</summary>
    public static NasProfanityRequest Parse(NasForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var present = form.TryGetBytes("words", out var raw);
        string text;
        if (!present)
        {
            text = string.Empty;
        }
        else
        {
            text = form.GetText("wenc") switch
            {
                "UTF-8" => Encoding.UTF8.GetString(raw!).Split('\0')[0],
                "UTF-16LE" => NasForm.DecodeUtf16(raw, bigEndian: false),
                "UTF-16BE" => NasForm.DecodeUtf16(raw, bigEndian: true),
                _ => NasForm.DecodeUtf16(raw, form.TextPlatform == NasPlatform.Wii),
            };
        }

        // The word count is bounded by NasFormLimits.MaxValueLength (at most ~1500 UTF-16 units).
        var words = text.Split('\t');
        return new NasProfanityRequest(words, present, form.GetText("wregion") == "A", form);
    }
}
