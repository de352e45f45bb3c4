namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>
/// Bounds that make a hostile filter fail fast with a <see cref="FilterError"/> instead of costing time or stack.
/// </summary>
/// <param name="MaxLength">Characters of filter text. Default 511: the GameSpy SDK's MAX_FILTER_LEN, so no real
/// console sends more.</param>
/// <param name="MaxTokens">Tokens in the filter. A DWC filter has 40–80; 256 refuses junk made of one-character
/// tokens.</param>
/// <param name="MaxNesting">Nested parentheses, NOT and unary minus while parsing (protects the parser's stack).
/// DWC filters nest 3–4 levels.</param>
/// <param name="MaxTreeDepth">Depth of the finished syntax tree, which the evaluator walks recursively (long
/// arithmetic chains count here; AND/OR chains are flattened and do not).</param>
/// <param name="MaxStringLength">Characters of one string literal; DWC values are short region and mode names,
/// and heartbeat values are capped at 256.</param>
/// <param name="MaxIdentifierLength">Characters of one key name (QR2 key names are at most 64).</param>
public sealed record FilterLimits(
    int MaxLength = 511,
    int MaxTokens = 256,
    int MaxNesting = 32,
    int MaxTreeDepth = 64,
    int MaxStringLength = 128,
    int MaxIdentifierLength = 64)
{
    /// <summary>The defaults described on each parameter.</summary>
    public static FilterLimits Default { get; } = new();
}
