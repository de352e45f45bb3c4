using System.Globalization;

namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>
/// Splits a SAKE filter into tokens (sake.md §7).
/// </summary>
/// <remarks>
/// Numbers are 64-bit integers; a <c>-</c> directly before a digit is a sign only where an operand
/// is expected (start, after an operator, <c>(</c> or <c>,</c>), so <c>a-1</c> is a subtraction.
/// Decimals are refused (WiiLink refuses them too: its numbers are int64). Identifiers are ASCII
/// letters, digits and <c>_</c>, not starting with a digit. <c>and</c>, <c>or</c>, <c>like</c>
/// are keywords in any letter case. Text literals use <c>'</c> or <c>"</c>; doubling the quote
/// inside stands for one quote, as in SQL. Space, tab and line breaks separate tokens.
/// </remarks>
public static class SakeFilterTokenizer
{
    /// <summary>Tokenizes <paramref name="text"/>; the list ends with an <see cref="SakeFilterTokenKind.End"/> token.</summary>
    public static bool TryTokenize(string text, SakeFilterLimits limits, out List<SakeFilterToken> tokens, out SakeFilterError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        tokens = [];
        error = null;
        if (text.Length > limits.MaxLength)
        {
            error = new SakeFilterError(limits.MaxLength, $"Expression longer than {limits.MaxLength} characters.");
            return false;
        }

        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            if (i >= text.Length)
            {
                tokens.Add(new SakeFilterToken(SakeFilterTokenKind.End, i));
                return true;
            }
            if (tokens.Count == limits.MaxTokens)
            {
                error = new SakeFilterError(i, $"More than {limits.MaxTokens} tokens.");
                return false;
            }

            var start = i;
            var c = text[i];
            var expectOperand = tokens.Count == 0 || tokens[^1].Kind is SakeFilterTokenKind.Operator or SakeFilterTokenKind.LeftParen or SakeFilterTokenKind.Comma;

            if (IsDigit(c) || (c == '-' && expectOperand && i + 1 < text.Length && IsDigit(text[i + 1])))
            {
                i++;
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
                if (i < text.Length && (text[i] == '.' || IsIdentifierChar(text[i])))
                {
                    error = new SakeFilterError(i, "Only whole numbers are supported.");
                    return false;
                }
                if (!long.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    error = new SakeFilterError(start, "Number does not fit in 64 bits.");
                    return false;
                }
                tokens.Add(new SakeFilterToken(SakeFilterTokenKind.Number, start, Number: number));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                while (i < text.Length && IsIdentifierChar(text[i]))
                {
                    i++;
                }
                var word = text[start..i];
                var keyword = word.ToLowerInvariant() switch
                {
                    "and" => SakeFilterOperator.And,
                    "or" => SakeFilterOperator.Or,
                    "like" => SakeFilterOperator.Like,
                    _ => (SakeFilterOperator?)null,
                };
                if (keyword is { } op)
                {
                    tokens.Add(new SakeFilterToken(SakeFilterTokenKind.Operator, start, Operator: op));
                }
                else if (word.Length > limits.MaxIdentifierLength)
                {
                    error = new SakeFilterError(start, $"Identifier longer than {limits.MaxIdentifierLength} characters.");
                    return false;
                }
                else
                {
                    tokens.Add(new SakeFilterToken(SakeFilterTokenKind.Identifier, start, word));
                }
                continue;
            }

            if (c is '\'' or '"')
            {
                if (!TryReadText(text, ref i, out var literal))
                {
                    error = new SakeFilterError(start, "Text literal is not closed.");
                    return false;
                }
                tokens.Add(new SakeFilterToken(SakeFilterTokenKind.String, start, literal));
                continue;
            }

            switch (c)
            {
                case '(':
                    tokens.Add(new SakeFilterToken(SakeFilterTokenKind.LeftParen, start));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new SakeFilterToken(SakeFilterTokenKind.RightParen, start));
                    i++;
                    continue;
                case ',':
                    tokens.Add(new SakeFilterToken(SakeFilterTokenKind.Comma, start));
                    i++;
                    continue;
            }

            if (TryReadSymbol(text, i, out var symbol, out var length))
            {
                tokens.Add(new SakeFilterToken(SakeFilterTokenKind.Operator, start, Operator: symbol));
                i += length;
                continue;
            }

            error = new SakeFilterError(start, $"Unexpected character '{c}'.");
            return false;
        }
    }

    private static bool TryReadText(string text, ref int i, out string literal)
    {
        var quote = text[i];
        var builder = new System.Text.StringBuilder();
        i++;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    builder.Append(quote);
                    i += 2;
                    continue;
                }
                i++;
                literal = builder.ToString();
                return true;
            }
            builder.Append(text[i]);
            i++;
        }
        literal = "";
        return false;
    }

    private static bool TryReadSymbol(string text, int i, out SakeFilterOperator op, out int length)
    {
        var two = i + 1 < text.Length ? text.AsSpan(i, 2) : [];
        (op, length) = two switch
        {
            "||" => (SakeFilterOperator.Or, 2),
            "&&" => (SakeFilterOperator.And, 2),
            "==" => (SakeFilterOperator.Equal, 2),
            "!=" or "<>" => (SakeFilterOperator.NotEqual, 2),
            "<=" => (SakeFilterOperator.LessOrEqual, 2),
            ">=" => (SakeFilterOperator.GreaterOrEqual, 2),
            _ => text[i] switch
            {
                '=' => (SakeFilterOperator.Equal, 1),
                '<' => (SakeFilterOperator.Less, 1),
                '>' => (SakeFilterOperator.Greater, 1),
                '+' => (SakeFilterOperator.Add, 1),
                '-' => (SakeFilterOperator.Subtract, 1),
                '&' => (SakeFilterOperator.BitAnd, 1),
                '^' => (SakeFilterOperator.BitXor, 1),
                '|' => (SakeFilterOperator.BitOr, 1),
                '*' => (SakeFilterOperator.Multiply, 1),
                '/' => (SakeFilterOperator.Divide, 1),
                '%' => (SakeFilterOperator.Modulo, 1),
                _ => (default, 0),
            },
        };
        return length > 0;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsIdentifierChar(char c) => IsIdentifierStart(c) || IsDigit(c);
}
