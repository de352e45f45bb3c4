using Wiimmfi.Protocols.ServerBrowser.Filter;

namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// Optional Mario Kart Wii search policies, applied as rewrites of the filter's syntax tree before it is
/// compiled (so the filter engine stays game-neutral).
/// </summary>
/// <param name="IgnoreRatingComparisons">Every comparison that involves <c>ev</c> or <c>eb</c> counts as true:
/// "VR search disabled", which WiiLink applies because a small player base cannot fill VR windows.</param>
/// <param name="CollapseRetailRegions">Regional keys <c>vs_0</c>…<c>vs_5</c> / <c>bt_0</c>…<c>bt_5</c> and the
/// worldwide <c>vs</c> / <c>bt</c> are treated as one region on both sides of <c>rk = …</c>, so regional searches
/// also find worldwide rooms (WiiLink). China (6) and mod regions are left alone.</param>
public sealed record MkwFilterPolicy(bool IgnoreRatingComparisons, bool CollapseRetailRegions)
{
    /// <summary>No rewrite: the filter means exactly what the console sent.</summary>
    public static MkwFilterPolicy Literal { get; } = new(false, false);

    /// <summary>WiiLink's MKW behaviour.</summary>
    public static MkwFilterPolicy WiiLinkCompatible { get; } = new(true, true);

    /// <summary>Retail matching areas whose regional rooms are merged with the worldwide ones.</summary>
    private const int RetailAreaCount = 6;

    /// <summary>Returns <paramref name="tree"/> rewritten by this policy (the same instance when nothing applies).</summary>
    public FilterNode? Apply(FilterNode? tree) =>
        tree is null || this == Literal ? tree : Rewrite(tree);

    private FilterNode Rewrite(FilterNode node)
    {
        switch (node)
        {
            case FilterBinary binary when binary.IsComparison:
                if (IgnoreRatingComparisons && (IsKey(binary.Left, MkwQr2Keys.VersusRating) || IsKey(binary.Right, MkwQr2Keys.VersusRating) ||
                                                IsKey(binary.Left, MkwQr2Keys.BattleRating) || IsKey(binary.Right, MkwQr2Keys.BattleRating)))
                    return new FilterNumber(1);
                if (CollapseRetailRegions && TryCollapseRegion(binary) is FilterNode collapsed)
                    return collapsed;
                return binary with { Left = Rewrite(binary.Left), Right = Rewrite(binary.Right) };
            case FilterBinary binary:
                return binary with { Left = Rewrite(binary.Left), Right = Rewrite(binary.Right) };
            case FilterLogical logical:
                {
                    var terms = new FilterNode[logical.Terms.Count];
                    for (int i = 0; i < terms.Length; i++)
                        terms[i] = Rewrite(logical.Terms[i]);
                    return logical with { Terms = terms };
                }
            case FilterUnary unary:
                return unary with { Operand = Rewrite(unary.Operand) };
            case FilterLike like:
                return like with { Subject = Rewrite(like.Subject), Pattern = Rewrite(like.Pattern) };
            default:
                return node;
        }
    }

    /// <summary><c>rk = 'vs_3'</c> → <c>(rk = 'vs' or rk = 'vs_0' or … or rk = 'vs_5')</c>; <c>!=</c> → NOT of that.</summary>
    private static FilterNode? TryCollapseRegion(FilterBinary binary)
    {
        if (binary.Operator is not (FilterBinaryOperator.Equal or FilterBinaryOperator.NotEqual))
            return null;
        var literal = (binary.Left, binary.Right) switch
        {
            (FilterKeyReference { Name: MkwQr2Keys.RegionKey }, FilterString s) => s,
            (FilterString s, FilterKeyReference { Name: MkwQr2Keys.RegionKey }) => s,
            _ => null,
        };
        if (literal is null || !MkwRegionKey.TryParse(literal.Value, out var region) || !region.IsRetail)
            return null;

        string mode = region.ModeText;
        var terms = new List<FilterNode>(RetailAreaCount + 1)
        {
            new FilterBinary(FilterBinaryOperator.Equal, new FilterKeyReference(MkwQr2Keys.RegionKey), new FilterString(mode)),
        };
        for (int area = 0; area < RetailAreaCount; area++)
        {
            terms.Add(new FilterBinary(FilterBinaryOperator.Equal, new FilterKeyReference(MkwQr2Keys.RegionKey),
                new FilterString($"{mode}_{area}")));
        }
        FilterNode any = new FilterLogical(FilterLogicalOperator.Or, terms);
        return binary.Operator == FilterBinaryOperator.Equal ? any : new FilterUnary(FilterUnaryOperator.Not, any);
    }

    private static bool IsKey(FilterNode node, string name) => node is FilterKeyReference key && key.Name == name;
}
