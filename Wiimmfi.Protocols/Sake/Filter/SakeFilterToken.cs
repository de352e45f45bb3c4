namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>Kinds of filter tokens.</summary>
public enum SakeFilterTokenKind
{
    Number,
    String,
    Identifier,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>One token of a filter expression.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Position">Index of its first character.</param>
/// <param name="Text">Identifier name or string literal value; empty otherwise.</param>
/// <param name="Number">Value of a number.</param>
/// <param name="Operator">Operator of an operator token.</param>
public readonly record struct SakeFilterToken(SakeFilterTokenKind Kind, int Position, string Text = "", long Number = 0, SakeFilterOperator Operator = default);
