namespace Wiimmfi.Host.Configuration.Hocon;

internal enum HoconTokenKind
{
    End,
    /// <summary>An ASCII newline: it ends a value concatenation and may stand in for a comma.</summary>
    Newline,
    /// <summary>A run of whitespace other than newline: kept, because it is part of a concatenated string.</summary>
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    UnquotedText,
    /// <summary>A JSON number; <see cref="HoconToken.Text"/> keeps it exactly as written.</summary>
    Number,
    Boolean,
    Null,
    Substitution,
}

/// <summary>One token of a HOCON file, with the position of its first character.</summary>
internal sealed class HoconToken(HoconTokenKind kind, string text, HoconOrigin origin)
{
    public HoconTokenKind Kind { get; } = kind;

    /// <summary>The string value (quoted strings unescaped) or the text as written.</summary>
    public string Text { get; } = text;

    public HoconOrigin Origin { get; } = origin;

    /// <summary>For <see cref="HoconTokenKind.Substitution"/>: the path inside <c>${…}</c>.</summary>
    public HoconPath? SubstitutionPath { get; init; }

    /// <summary>For <see cref="HoconTokenKind.Substitution"/>: written <c>${?…}</c>.</summary>
    public bool IsOptional { get; init; }

    /// <summary>A human description for error messages.</summary>
    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of file",
        HoconTokenKind.Newline => "end of line",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.QuotedString => $"the string {HoconText.Quote(Text)}",
        HoconTokenKind.Substitution => $"the substitution ${{{(IsOptional ? "?" : "")}{SubstitutionPath}}}",
        HoconTokenKind.UnquotedText or HoconTokenKind.Number or HoconTokenKind.Boolean or HoconTokenKind.Null => $"'{Text}'",
        _ => $"'{Text}'",
    };
}

/// <summary>How an include statement names its resource.</summary>
internal enum HoconIncludeKind
{
    /// <summary><c>include "name"</c>: a URL if it looks like one, else a file next to the including file.</summary>
    Heuristic,
    File,
    Url,
    Classpath,
}

/// <summary>A parsed include statement: <c>include required(file("x.conf"))</c>.</summary>
internal sealed record HoconIncludeSpec(HoconIncludeKind Kind, string Name, bool Required, HoconOrigin Origin);

/// <summary>One piece of a path expression (a key or the inside of <c>${…}</c>).</summary>
internal readonly record struct HoconPathPiece(string Text, bool Quoted, bool IsWhitespace, HoconOrigin Origin);
