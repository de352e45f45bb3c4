using System.Globalization;

namespace Wiimmfi.Protocols.Mkw;

/// <summary>Race mode in an <c>rk</c> value.</summary>
public enum MkwMatchMode
{
    /// <summary><c>vs</c>: versus races.</summary>
    Versus,
    /// <summary><c>bt</c>: battle.</summary>
    Battle,
}

/// <summary>
/// A parsed <c>rk</c> value: <c>vs</c> / <c>bt</c> (worldwide) or <c>vs_N</c> / <c>bt_N</c> (regional, N = matching
/// area: 0–5 retail, 6 China per WiiLink, larger numbers from mods). Treat rk as opaque for matching; this type is
/// for policies and statistics.
/// </summary>
public readonly record struct MkwRegionKey(MkwMatchMode Mode, int? Area)
{
    /// <summary>True for the worldwide key.</summary>
    public bool IsWorldwide => Area is null;

    /// <summary>True for worldwide and for retail areas 0–5.</summary>
    public bool IsRetail => Area is null or (>= 0 and <= 5);

    /// <summary><c>vs</c> or <c>bt</c>.</summary>
    public string ModeText => Mode == MkwMatchMode.Versus ? "vs" : "bt";

    /// <summary>Parses <c>vs</c>, <c>bt</c>, <c>vs_N</c>, <c>bt_N</c> (N decimal, 0–99999).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MkwRegionKey region)
    {
        region = default;
        if (text.Length < 2)
            return false;
        MkwMatchMode mode;
        if (text.StartsWith("vs", StringComparison.Ordinal))
            mode = MkwMatchMode.Versus;
        else if (text.StartsWith("bt", StringComparison.Ordinal))
            mode = MkwMatchMode.Battle;
        else
            return false;
        if (text.Length == 2)
        {
            region = new MkwRegionKey(mode, null);
            return true;
        }
        var areaText = text[2..];
        if (areaText.Length < 2 || areaText.Length > 6 || areaText[0] != '_' ||
            !int.TryParse(areaText[1..], NumberStyles.None, CultureInfo.InvariantCulture, out int area))
            return false;
        region = new MkwRegionKey(mode, area);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Area is int area ? $"{ModeText}_{area.ToString(CultureInfo.InvariantCulture)}" : ModeText;
}
