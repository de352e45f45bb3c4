namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>Bounds on a filter or sort expression; exceeding one makes it invalid.</summary>
public sealed record SakeFilterLimits
{
    /// <summary>Characters of the whole expression (real filters are under 100).</summary>
    public int MaxLength { get; init; } = 1024;

    /// <summary>Tokens in the expression; bounds the tree size and the SQL it becomes.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Nesting of parentheses, function calls and operator chains; bounds recursion.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Characters of an identifier (SAKE field names are short).</summary>
    public int MaxIdentifierLength { get; init; } = 64;

    /// <summary>Keys in a sort expression.</summary>
    public int MaxSortKeys { get; init; } = 8;

    public static SakeFilterLimits Default { get; } = new();
}
