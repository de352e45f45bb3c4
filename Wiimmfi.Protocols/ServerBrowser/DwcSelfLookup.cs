using Wiimmfi.Protocols.ServerBrowser.Filter;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// Recognises the DWC self-lookup: a filter that is exactly <c>dwc_pid = &lt;n&gt;</c>. A console sends it to
/// find its own QR2 entry and so learn its public address; WiiLink answers it specially (return that console's
/// entry even before it has reported <c>dwc_pid</c>, matched by the requester's public IP). The policy is the
/// caller's; this only recognises the shape.
/// </summary>
public static class DwcSelfLookup
{
    /// <summary>The key DWC uses for the profile id.</summary>
    public const string ProfileIdKey = "dwc_pid";

    /// <summary>True when <paramref name="filter"/> is <c>dwc_pid = n</c> (either side order) with n a u32.</summary>
    public static bool TryMatch(CompiledFilter filter, out uint profileId)
    {
        profileId = 0;
        if (filter.Syntax is not FilterBinary { Operator: FilterBinaryOperator.Equal } comparison)
            return false;
        var (key, number) = (comparison.Left, comparison.Right) switch
        {
            (FilterKeyReference k, FilterNumber n) => (k, n),
            (FilterNumber n, FilterKeyReference k) => (k, n),
            _ => (null, null),
        };
        if (key?.Name != ProfileIdKey || number is null || number.Value is < 0 or > uint.MaxValue)
            return false;
        profileId = (uint)number.Value;
        return true;
    }
}
