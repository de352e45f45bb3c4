using System.Globalization;

namespace Wiimmfi.Protocols.Sake.Files;

/// <summary>Strict reading of the decimal query parameters of file-server URLs.</summary>
internal static class SakeFileQuery
{
    /// <summary>A canonical-ish decimal int (optional sign, at most 11 characters) in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static bool TryGetInt(IReadOnlyDictionary<string, string> query, string name, int min, int max, out int value)
    {
        value = 0;
        return query.TryGetValue(name, out var text)
            && text.Length is > 0 and <= 11
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max;
    }
}
