using System.Globalization;
using System.Text;

namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>
/// Turns HOCON text into tokens, one at a time, with a single token of look-ahead.
///
/// What it knows (lightbend/config HOCON.md, "Syntax"):
/// * <c>#</c> and <c>//</c> start a comment that runs to the end of the line; the newline itself stays a
///   token because newlines separate fields and array elements.
/// * Whitespace other than newline is a token too: between simple values it is part of the
///   concatenated string (<c>a b  c</c> is "a b  c").
/// * Quoted strings follow JSON (escapes, no raw control characters); <c>"""…"""</c> is raw and may span
///   lines; a run of more than three closing quotes keeps the extra ones in the string (as Scala does).
/// * A value that starts with a digit or '-' is read as a number if the whole run of number characters is
///   a JSON number (<c>10.0bar</c> is the number 10.0 then the text "bar"); otherwise it is unquoted text
///   (<c>127.0.0.1</c>).
/// * Unquoted text stops at whitespace, "//" and the characters HOCON reserves; a reserved character that
///   cannot start anything (<c>^ ? ! @ * &amp; \ `</c>, a lone '+' or '$') is an error that says to quote.
/// * <c>${path}</c> and <c>${?path}</c> are single tokens carrying their parsed path.
///
/// The parser switches the lexer into "include argument" mode right after the word <c>include</c>
/// (<see cref="ReadIncludeArgument"/>); that is why look-ahead is limited to one token.
/// </summary>
internal sealed class HoconLexer
{
    /// <summary>Characters that end unquoted text (HOCON.md, "Unquoted strings").</summary>
    private const string Reserved = "$\"{}[]:=,+#`^?!@*&\\";

    private const string NumberCharacters = "0123456789eE+-.";

    private readonly string _text;
    private readonly string _source;
    private int _position;
    private int _line = 1;
    private int _column = 1;
    private HoconToken? _peeked;

    public HoconLexer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    public string Source => _source;

    public HoconToken Peek() => _peeked ??= ReadToken();

    public HoconToken Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    private HoconOrigin Here => new(_source, _line, _column);

    private bool AtEnd => _position >= _text.Length;

    private char Current => _text[_position];

    private char Ahead(int offset) =>
        _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private void Advance()
    {
        if (_text[_position] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
        _position++;
    }

    /// <summary>HOCON whitespace: Unicode separators, ASCII controls 9–13 and 28–31, and the BOM.</summary>
    public static bool IsWhitespace(char c) =>
        char.IsWhiteSpace(c) || c == '\uFEFF' || (c >= '\u001C' && c <= '\u001F');

    private static bool IsReserved(char c) => Reserved.Contains(c);

    private bool AtCommentStart => !AtEnd && (Current == '#' || (Current == '/' && Ahead(1) == '/'));

    private HoconParseException Error(string problem, HoconOrigin? at = null) => new(problem, at ?? Here);

    private HoconToken ReadToken()
    {
        while (AtCommentStart)
        {
            while (!AtEnd && Current != '\n')
            {
                Advance();
            }
        }
        if (AtEnd)
        {
            return new HoconToken(HoconTokenKind.End, "", Here);
        }

        var origin = Here;
        var c = Current;
        if (c == '\n')
        {
            Advance();
            return new HoconToken(HoconTokenKind.Newline, "\n", origin);
        }
        if (IsWhitespace(c))
        {
            var start = _position;
            while (!AtEnd && Current != '\n' && IsWhitespace(Current))
            {
                Advance();
            }
            return new HoconToken(HoconTokenKind.Whitespace, _text[start.._position], origin);
        }
        switch (c)
        {
            case ',': Advance(); return new HoconToken(HoconTokenKind.Comma, ",", origin);
            case ':': Advance(); return new HoconToken(HoconTokenKind.Colon, ":", origin);
            case '=': Advance(); return new HoconToken(HoconTokenKind.Equals, "=", origin);
            case '{': Advance(); return new HoconToken(HoconTokenKind.OpenBrace, "{", origin);
            case '}': Advance(); return new HoconToken(HoconTokenKind.CloseBrace, "}", origin);
            case '[': Advance(); return new HoconToken(HoconTokenKind.OpenBracket, "[", origin);
            case ']': Advance(); return new HoconToken(HoconTokenKind.CloseBracket, "]", origin);
            case '"':
                return new HoconToken(HoconTokenKind.QuotedString, ReadQuoted(), origin);
            case '+':
                if (Ahead(1) == '=')
                {
                    Advance();
                    Advance();
                    return new HoconToken(HoconTokenKind.PlusEquals, "+=", origin);
                }
                throw Error("'+' is reserved in HOCON: write '+=' to append to an array, or quote the text");
            case '$':
                if (Ahead(1) == '{')
                {
                    return ReadSubstitution();
                }
                throw Error("'$' is reserved in HOCON: write ${path} for a substitution, or quote the text");
        }
        if (IsReserved(c))
        {
            throw Error($"'{c}' is reserved in HOCON and cannot appear in unquoted text; put the value in double quotes");
        }
        return ReadNumberOrText(origin);
    }

    private HoconToken ReadNumberOrText(HoconOrigin origin)
    {
        if (Current == '-' || char.IsAsciiDigit(Current))
        {
            var start = _position;
            while (!AtEnd && NumberCharacters.Contains(Current))
            {
                Advance();
            }
            var candidate = _text[start.._position];
            if (HoconText.IsNumber(candidate))
            {
                return new HoconToken(HoconTokenKind.Number, candidate, origin);
            }
            // Not a number after all (127.0.0.1, 2024-01-01): it is the start of unquoted text.
            if (candidate.Contains('+'))
            {
                throw Error("'+' is reserved in HOCON and cannot appear in unquoted text; put the value in double quotes", origin);
            }
            return ClassifyText(candidate + ReadUnquotedRest(), origin);
        }
        return ClassifyText(ReadUnquotedRest(), origin);
    }

    private string ReadUnquotedRest()
    {
        var start = _position;
        while (!AtEnd && !IsWhitespace(Current) && !IsReserved(Current) && !(Current == '/' && Ahead(1) == '/'))
        {
            Advance();
        }
        return _text[start.._position];
    }

    private static HoconToken ClassifyText(string text, HoconOrigin origin) => text switch
    {
        "true" or "false" => new HoconToken(HoconTokenKind.Boolean, text, origin),
        "null" => new HoconToken(HoconTokenKind.Null, text, origin),
        _ => new HoconToken(HoconTokenKind.UnquotedText, text, origin),
    };

    /// <summary>Reads a quoted or triple-quoted string; the current character is the opening quote.</summary>
    private string ReadQuoted()
    {
        var start = Here;
        Advance();
        if (!AtEnd && Current == '"' && Ahead(1) == '"')
        {
            Advance();
            Advance();
            return ReadTripleQuotedRest(start);
        }

        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("quoted string is not closed before the end of the file", start);
            }
            var c = Current;
            if (c == '"')
            {
                Advance();
                return value.ToString();
            }
            if (c == '\n')
            {
                throw Error("quoted string is not closed on its line (use \"\"\"…\"\"\" for text over several lines)", start);
            }
            if (c < 0x20)
            {
                throw Error($"control character U+{(int)c:X4} inside a quoted string; write it as an escape such as \\t");
            }
            if (c == '\\')
            {
                value.Append(ReadEscape());
                continue;
            }
            value.Append(c);
            Advance();
        }
    }

    private char ReadEscape()
    {
        var at = Here;
        Advance();
        if (AtEnd)
        {
            throw Error("a backslash at the end of the file", at);
        }
        var c = Current;
        Advance();
        switch (c)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (_position + 4 > _text.Length ||
                    !int.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw Error("\\u must be followed by four hexadecimal digits", at);
                }
                for (var i = 0; i < 4; i++)
                {
                    Advance();
                }
                return (char)code;
            default:
                throw Error($"'\\{c}' is not a valid escape in a quoted string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", at);
        }
    }

    private string ReadTripleQuotedRest(HoconOrigin start)
    {
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("triple-quoted string is not closed before the end of the file", start);
            }
            if (Current == '"' && Ahead(1) == '"' && Ahead(2) == '"')
            {
                var run = 0;
                while (!AtEnd && Current == '"')
                {
                    run++;
                    Advance();
                }
                // Any run of at least three quotes closes the string; the extra ones belong to it.
                value.Append('"', run - 3);
                return value.ToString();
            }
            value.Append(Current);
            Advance();
        }
    }

    private HoconToken ReadSubstitution()
    {
        var origin = Here;
        Advance();
        Advance();
        var optional = false;
        if (!AtEnd && Current == '?')
        {
            optional = true;
            Advance();
        }

        var pieces = new List<HoconPathPiece>();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw Error("substitution is not closed with '}' on its line", origin);
            }
            var at = Here;
            var c = Current;
            if (c == '}')
            {
                Advance();
                break;
            }
            if (IsWhitespace(c))
            {
                var start = _position;
                while (!AtEnd && Current != '\n' && IsWhitespace(Current))
                {
                    Advance();
                }
                pieces.Add(new HoconPathPiece(_text[start.._position], false, true, at));
            }
            else if (c == '"')
            {
                pieces.Add(new HoconPathPiece(ReadQuoted(), true, false, at));
            }
            else if (IsReserved(c) || (c == '/' && Ahead(1) == '/'))
            {
                throw Error($"'{c}' cannot appear in the path of a substitution (substitutions do not nest; quote odd keys)");
            }
            else
            {
                pieces.Add(new HoconPathPiece(ReadNumberOrText(at).Text, false, false, at));
            }
        }
        var path = BuildPath(pieces, origin, "substitution");
        return new HoconToken(HoconTokenKind.Substitution, "${" + (optional ? "?" : "") + path + "}", origin)
        {
            SubstitutionPath = path,
            IsOptional = optional,
        };
    }

    /// <summary>
    /// Reads the argument of an include statement; the parser has just taken the word <c>include</c>.
    /// Newlines and comments may come between the word and the argument.
    /// </summary>
    public HoconIncludeSpec ReadIncludeArgument(HoconOrigin includeOrigin)
    {
        if (_peeked is not null)
        {
            throw new InvalidOperationException("include argument read with a token already peeked");
        }
        SkipBlankAndComments();
        var spec = ReadIncludeResource(includeOrigin, allowRequired: true);
        return spec;
    }

    private HoconIncludeSpec ReadIncludeResource(HoconOrigin includeOrigin, bool allowRequired)
    {
        const string usage = "include must be followed by a quoted name: include \"file.conf\", include file(\"…\"), include required(\"…\")";
        if (AtEnd)
        {
            throw Error(usage, includeOrigin);
        }
        if (Current == '"')
        {
            return new HoconIncludeSpec(HoconIncludeKind.Heuristic, ReadQuoted(), false, includeOrigin);
        }

        var wordStart = _position;
        var wordOrigin = Here;
        while (!AtEnd && char.IsAsciiLetterLower(Current))
        {
            Advance();
        }
        var word = _text[wordStart.._position];
        if (word.Length == 0 || AtEnd || Current != '(')
        {
            throw Error(usage, wordOrigin);
        }
        Advance();
        SkipBlankAndComments();

        HoconIncludeSpec spec;
        switch (word)
        {
            case "required" when allowRequired:
                spec = ReadIncludeResource(includeOrigin, allowRequired: false) with { Required = true };
                break;
            case "file" or "url" or "classpath":
                if (AtEnd || Current != '"')
                {
                    throw Error($"{word}(…) needs a quoted name inside the parentheses");
                }
                var kind = word switch
                {
                    "file" => HoconIncludeKind.File,
                    "url" => HoconIncludeKind.Url,
                    _ => HoconIncludeKind.Classpath,
                };
                spec = new HoconIncludeSpec(kind, ReadQuoted(), false, includeOrigin);
                break;
            default:
                throw Error($"unknown include form '{word}(…)'; use file(…), url(…), classpath(…) or required(…)", wordOrigin);
        }

        SkipBlankAndComments();
        if (AtEnd || Current != ')')
        {
            throw Error($"expected ')' to close {word}(…)");
        }
        Advance();
        return spec;
    }

    private void SkipBlankAndComments()
    {
        while (!AtEnd)
        {
            if (IsWhitespace(Current))
            {
                Advance();
            }
            else if (AtCommentStart)
            {
                while (!AtEnd && Current != '\n')
                {
                    Advance();
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>
    /// Builds a path from the pieces of a path expression. Dots outside quotes split segments; leading and
    /// trailing whitespace is dropped; an empty segment must be written as "".
    /// </summary>
    public static HoconPath BuildPath(IReadOnlyList<HoconPathPiece> pieces, HoconOrigin origin, string what)
    {
        var first = 0;
        var last = pieces.Count - 1;
        while (first <= last && pieces[first].IsWhitespace)
        {
            first++;
        }
        while (last >= first && pieces[last].IsWhitespace)
        {
            last--;
        }
        if (first > last)
        {
            throw new HoconParseException($"the {what} has an empty path", origin);
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        var currentWasQuoted = false;
        void CloseSegment(HoconOrigin at)
        {
            if (current.Length == 0 && !currentWasQuoted)
            {
                throw new HoconParseException(
                    $"the {what} has an empty path element: a path may not start or end with '.' nor contain '..' (write \"\" for an empty key)", at);
            }
            segments.Add(current.ToString());
            current.Clear();
            currentWasQuoted = false;
        }

        for (var i = first; i <= last; i++)
        {
            var piece = pieces[i];
            if (piece.Quoted)
            {
                current.Append(piece.Text);
                currentWasQuoted = true;
                continue;
            }
            var parts = piece.Text.Split('.');
            for (var p = 0; p < parts.Length; p++)
            {
                if (p > 0)
                {
                    CloseSegment(piece.Origin);
                }
                current.Append(parts[p]);
            }
        }
        CloseSegment(pieces[last].Origin);
        return HoconPath.FromSegments(segments);
    }

    /// <summary>Parses a stand-alone path expression such as <c>wiimmfi.gpcm.port</c> or <c>a."b.c"</c>.</summary>
    public static HoconPath ParsePathExpression(string expression, string source)
    {
        var lexer = new HoconLexer(expression, source);
        var pieces = new List<HoconPathPiece>();
        while (true)
        {
            var token = lexer.Next();
            switch (token.Kind)
            {
                case HoconTokenKind.End:
                    return BuildPath(pieces, new HoconOrigin(source, 1, 1), "path");
                case HoconTokenKind.Whitespace:
                    pieces.Add(new HoconPathPiece(token.Text, false, true, token.Origin));
                    break;
                case HoconTokenKind.QuotedString:
                    pieces.Add(new HoconPathPiece(token.Text, true, false, token.Origin));
                    break;
                case HoconTokenKind.UnquotedText or HoconTokenKind.Number or HoconTokenKind.Boolean or HoconTokenKind.Null:
                    pieces.Add(new HoconPathPiece(token.Text, false, false, token.Origin));
                    break;
                default:
                    throw new HoconParseException($"unexpected {token.Describe()} in the path '{expression}'", token.Origin);
            }
        }
    }

    /// <summary>True when a path segment must be quoted to be read back as the same single segment.</summary>
    public static bool NeedsQuotesInPath(string segment)
    {
        if (segment.Length == 0 || segment.Contains("//", StringComparison.Ordinal))
        {
            return true;
        }
        foreach (var c in segment)
        {
            if (c == '.' || IsWhitespace(c) || IsReserved(c))
            {
                return true;
            }
        }
        return false;
    }
}
