using System.Globalization;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>Strict readers for the numbers GPCM and GPSP messages carry.</summary>
internal static class GpcmFields
{
    /// <summary>A profile id: 1–10 decimal digits, 1 … 4294967295 (0 means "no profile" and freezes games).</summary>
    public static bool TryReadProfileId(string? text, out uint profileId)
    {
        profileId = 0;
        return text is { Length: >= 1 and <= 10 }
               && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out profileId)
               && profileId != 0;
    }

    /// <summary>A session key: signed 32-bit decimal, as GPSP parses it; null when absent or not a number.</summary>
    public static int? ReadSessionKey(GameSpyMessage message) =>
        message.TryGetValue("sesskey", out var text)
        && text.Length is >= 1 and <= 11
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            ? key
            : null;

    /// <summary>A small non-negative decimal; null when absent or malformed.</summary>
    public static int? ReadInt(GameSpyMessage message, string key) =>
        message.TryGetValue(key, out var text)
        && text.Length is >= 1 and <= 10
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>All fields except the listed keys, in order.</summary>
    public static GameSpyField[] Except(GameSpyMessage message, params ReadOnlySpan<string> keys)
    {
        var result = new List<GameSpyField>(message.Fields.Count);
        foreach (var field in message.Fields)
        {
            if (!keys.Contains(field.Key))
            {
                result.Add(field);
            }
        }

        return result.ToArray();
    }
}
