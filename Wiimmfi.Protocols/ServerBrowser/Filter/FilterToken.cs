namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>Token kinds of the filter language.</summary>
public enum FilterTokenKind
{
    /// <summary>End of the filter.</summary>
    End,
    /// <summary>A key name: letter or '_', then letters, digits, '_'.</summary>
    Identifier,
    /// <summary>Decimal digits (a leading minus is the unary operator).</summary>
    Number,
    /// <summary>'…' or "…" without escapes.</summary>
    String,
    /// <summary>(</summary>
    OpenParen,
    /// <summary>)</summary>
    CloseParen,
    /// <summary>*</summary>
    Star,
    /// <summary>/</summary>
    Slash,
    /// <summary>%</summary>
    Percent,
    /// <summary>+</summary>
    Plus,
    /// <summary>-</summary>
    Minus,
    /// <summary>&amp; (bitwise)</summary>
    Ampersand,
    /// <summary>^ (bitwise)</summary>
    Caret,
    /// <summary>| (bitwise)</summary>
    Pipe,
    /// <summary>= or ==</summary>
    Equal,
    /// <summary>!= or &lt;&gt;</summary>
    NotEqual,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
    /// <summary>and, &amp;&amp; (case-insensitive keyword)</summary>
    And,
    /// <summary>or, || (case-insensitive keyword)</summary>
    Or,
    /// <summary>not (case-insensitive keyword)</summary>
    Not,
    /// <summary>like (case-insensitive keyword)</summary>
    Like,
}

/// <summary>One token: its kind, where it is, its text (identifiers, strings) or value (numbers).</summary>
public readonly record struct FilterToken(FilterTokenKind Kind, int Position, string? Text = null, long Number = 0);
