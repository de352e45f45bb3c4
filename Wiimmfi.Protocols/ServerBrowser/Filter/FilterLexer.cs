using System.Globalization;

namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>
/// Turns filter text into tokens, enforcing the length, token-count, string and identifier bounds of
/// <see cref="FilterLimits"/>. Whitespace (space, tab, CR, LF) separates tokens but is never required:
/// <c>(20=auth)AND((1&amp;mskdif)=mskdif)</c> is valid.
/// </summary>
public static class FilterLexer
{
    /// <summary>Tokenizes <paramref name="text"/>; the list ends with an <see cref="FilterTokenKind.End"/> token.</summary>
    public static bool TryTokenize(string text, FilterLimits limits, out List<FilterToken> tokens,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out FilterError? error)
    {
        tokens = [];
        error = null;
        if (text.Length > limits.MaxLength)
        {
            error = new FilterError(FilterErrorKind.TooLong, limits.MaxLength, $"filter of {text.Length} characters, limit {limits.MaxLength}");
            return false;
        }

        int i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
                i++;
            if (i >= text.Length)
            {
                tokens.Add(new FilterToken(FilterTokenKind.End, i));
                return true;
            }
            if (tokens.Count >= limits.MaxTokens)
            {
                error = new FilterError(FilterErrorKind.TooManyTokens, i, $"more than {limits.MaxTokens} tokens");
                return false;
            }

            int start = i;
            char c = text[i];
            char next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    i++;
                int length = i - start;
                if (length > limits.MaxIdentifierLength)
                {
                    error = new FilterError(FilterErrorKind.IdentifierTooLong, start, $"key name of {length} characters, limit {limits.MaxIdentifierLength}");
                    return false;
                }
                var word = text.AsSpan(start, length);
                tokens.Add(KeywordOf(word) is FilterTokenKind keyword
                    ? new FilterToken(keyword, start)
                    : new FilterToken(FilterTokenKind.Identifier, start, word.ToString()));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
                if (!long.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                {
                    error = new FilterError(FilterErrorKind.NumberTooLarge, start, "number does not fit 64 bits");
                    return false;
                }
                tokens.Add(new FilterToken(FilterTokenKind.Number, start, Number: value));
                continue;
            }
            if (c is '\'' or '"')
            {
                int close = text.IndexOf(c, i + 1);
                if (close < 0)
                {
                    error = new FilterError(FilterErrorKind.UnterminatedString, start, "string without closing quote");
                    return false;
                }
                int length = close - start - 1;
                if (length > limits.MaxStringLength)
                {
                    error = new FilterError(FilterErrorKind.StringTooLong, start, $"string of {length} characters, limit {limits.MaxStringLength}");
                    return false;
                }
                tokens.Add(new FilterToken(FilterTokenKind.String, start, text.Substring(start + 1, length)));
                i = close + 1;
                continue;
            }

            (FilterTokenKind kind, int width) = (c, next) switch
            {
                ('(', _) => (FilterTokenKind.OpenParen, 1),
                (')', _) => (FilterTokenKind.CloseParen, 1),
                ('*', _) => (FilterTokenKind.Star, 1),
                ('/', _) => (FilterTokenKind.Slash, 1),
                ('%', _) => (FilterTokenKind.Percent, 1),
                ('+', _) => (FilterTokenKind.Plus, 1),
                ('-', _) => (FilterTokenKind.Minus, 1),
                ('^', _) => (FilterTokenKind.Caret, 1),
                ('&', '&') => (FilterTokenKind.And, 2),
                ('&', _) => (FilterTokenKind.Ampersand, 1),
                ('|', '|') => (FilterTokenKind.Or, 2),
                ('|', _) => (FilterTokenKind.Pipe, 1),
                ('=', '=') => (FilterTokenKind.Equal, 2),
                ('=', _) => (FilterTokenKind.Equal, 1),
                ('!', '=') => (FilterTokenKind.NotEqual, 2),
                ('<', '>') => (FilterTokenKind.NotEqual, 2),
                ('<', '=') => (FilterTokenKind.LessOrEqual, 2),
                ('<', _) => (FilterTokenKind.Less, 1),
                ('>', '=') => (FilterTokenKind.GreaterOrEqual, 2),
                ('>', _) => (FilterTokenKind.Greater, 1),
                _ => (FilterTokenKind.End, 0),
            };
            if (width == 0)
            {
                error = new FilterError(FilterErrorKind.UnexpectedCharacter, start, $"unexpected character '{c}'");
                return false;
            }
            tokens.Add(new FilterToken(kind, start));
            i += width;
        }
    }

    private static FilterTokenKind? KeywordOf(ReadOnlySpan<char> word)
    {
        if (word.Equals("and", StringComparison.OrdinalIgnoreCase))
            return FilterTokenKind.And;
        if (word.Equals("or", StringComparison.OrdinalIgnoreCase))
            return FilterTokenKind.Or;
        if (word.Equals("not", StringComparison.OrdinalIgnoreCase))
            return FilterTokenKind.Not;
        if (word.Equals("like", StringComparison.OrdinalIgnoreCase))
            return FilterTokenKind.Like;
        return null;
    }
}
