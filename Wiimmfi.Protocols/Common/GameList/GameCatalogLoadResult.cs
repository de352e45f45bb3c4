namespace Wiimmfi.Protocols.Common.GameList;

/// <summary>One line of the game list the parser skipped, and why (shown to the operator on load/reload).</summary>
/// <param name="LineNumber">1-based line number in the source text.</param>
/// <param name="Message">What is wrong, in words an operator can act on.</param>
public sealed record GameCatalogLineError(int LineNumber, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"line {LineNumber}: {Message}";
}

/// <summary>
/// The outcome of parsing a game list: the catalog of every good row, plus the lines that were skipped.
/// A load with errors still yields a usable catalog; the host decides whether to accept it.
/// </summary>
public sealed record GameCatalogLoadResult(GameCatalog Catalog, IReadOnlyList<GameCatalogLineError> Errors)
{
    /// <summary>True when every non-comment line was accepted.</summary>
    public bool IsClean => Errors.Count == 0;
}
