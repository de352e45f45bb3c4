namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>Why a filter was refused. Frozen numbers (metric labels): append only.</summary>
public enum FilterErrorKind
{
    /// <summary>Longer than <see cref="FilterLimits.MaxLength"/>.</summary>
    TooLong = 1,
    /// <summary>More tokens than <see cref="FilterLimits.MaxTokens"/>.</summary>
    TooManyTokens = 2,
    /// <summary>Nested deeper than <see cref="FilterLimits.MaxNesting"/> or <see cref="FilterLimits.MaxTreeDepth"/>.</summary>
    TooDeep = 3,
    /// <summary>A string literal longer than <see cref="FilterLimits.MaxStringLength"/>.</summary>
    StringTooLong = 4,
    /// <summary>A string literal without its closing quote.</summary>
    UnterminatedString = 5,
    /// <summary>A character that starts no token.</summary>
    UnexpectedCharacter = 6,
    /// <summary>A number that does not fit a signed 64-bit integer.</summary>
    NumberTooLarge = 7,
    /// <summary>A token where the grammar does not allow it.</summary>
    UnexpectedToken = 8,
    /// <summary>The filter ends in the middle of an expression.</summary>
    UnexpectedEnd = 9,
    /// <summary>A key name longer than <see cref="FilterLimits.MaxIdentifierLength"/>.</summary>
    IdentifierTooLong = 10,
}

/// <summary>A refused filter: what is wrong and where (0-based character offset).</summary>
public sealed record FilterError(FilterErrorKind Kind, int Position, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Kind} at {Position}: {Message}";
}
