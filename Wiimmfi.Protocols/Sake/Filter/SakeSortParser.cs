using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>A parsed sort, or why it is invalid (answer <see cref="SakeResult.SortInvalid"/>).</summary>
public readonly record struct SakeSortParseResult(IReadOnlyList<SakeSortKey>? Keys, SakeFilterError? Error)
{
    [MemberNotNullWhen(true, nameof(Keys))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Keys is not null;
}

/// <summary>
/// Parses the SAKE <c>sort</c> element: an ORDER BY list <c>field [asc|desc] (, field [asc|desc])*</c>
/// (sake.md §6; MKW sends <c>time</c> and <c>time desc</c>). An absent or blank sort is an empty list.
/// </summary>
public static class SakeSortParser
{
    public static SakeSortParseResult Parse(string? sort, SakeFilterLimits? limits = null)
    {
        limits ??= SakeFilterLimits.Default;
        if (string.IsNullOrWhiteSpace(sort))
        {
            return new SakeSortParseResult([], null);
        }
        if (!SakeFilterTokenizer.TryTokenize(sort, limits, out var tokens, out var error))
        {
            return new SakeSortParseResult(null, error);
        }

        var keys = new List<SakeSortKey>();
        var i = 0;
        while (true)
        {
            if (tokens[i].Kind != SakeFilterTokenKind.Identifier)
            {
                return Invalid(tokens[i], "Expected a field name.");
            }
            var field = tokens[i++].Text;
            var descending = false;
            if (tokens[i].Kind == SakeFilterTokenKind.Identifier && tokens[i].Text.ToLowerInvariant() is "asc" or "desc")
            {
                descending = tokens[i++].Text.Equals("desc", StringComparison.OrdinalIgnoreCase);
            }
            if (keys.Count == limits.MaxSortKeys)
            {
                return Invalid(tokens[i], $"More than {limits.MaxSortKeys} sort keys.");
            }
            keys.Add(new SakeSortKey(field, descending));
            if (tokens[i].Kind == SakeFilterTokenKind.End)
            {
                return new SakeSortParseResult(keys, null);
            }
            if (tokens[i].Kind != SakeFilterTokenKind.Comma)
            {
                return Invalid(tokens[i], "Expected ',', 'asc', 'desc' or the end.");
            }
            i++;
        }
    }

    private static SakeSortParseResult Invalid(SakeFilterToken at, string message) =>
        new(null, new SakeFilterError(at.Position, message));
}
