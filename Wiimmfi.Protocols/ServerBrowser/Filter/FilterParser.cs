namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>
/// Parses filter text into a <see cref="FilterNode"/> tree.
/// </summary>
/// <remarks>
/// <para>Grammar, lowest precedence first (all binary levels left-associative):</para>
/// <code>
/// or          := and  ( ("or" | "||") and )*
/// and         := not  ( ("and" | "&amp;&amp;") not )*
/// not         := "not" not | comparison
/// comparison  := additive ( ("=" | "==" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") additive
///                         | ["not"] "like" additive )*
/// additive    := multiplicative ( ("+" | "-" | "&amp;" | "^" | "|") multiplicative )*
/// multiplicative := unary ( ("*" | "/" | "%") unary )*
/// unary       := "-" unary | primary
/// primary     := number | string | identifier | "(" or ")"
/// </code>
/// <para>This follows the fact sheet's levels (bit operators bind tighter than comparisons, so
/// <c>(1&amp;mskdif)=mskdif</c> compares the bitwise result), with two choices of ours: LIKE sits with the
/// comparisons, as in SQL (WiiLink ranks it with OR; real filters always parenthesise LIKE terms, so both read
/// them the same), and NOT is SQL's prefix operator between comparisons and AND.</para>
/// <para>Bounds: the lexer limits length, tokens, literals and names; the parser limits nesting (parentheses,
/// NOT, unary minus) to <see cref="FilterLimits.MaxNesting"/> and the finished tree to
/// <see cref="FilterLimits.MaxTreeDepth"/>. Every failure is a <see cref="FilterError"/>, never an exception.</para>
/// <para>An empty or blank filter parses to null (no condition); what that means is the caller's policy.</para>
/// </remarks>
public sealed class FilterParser
{
    private readonly List<FilterToken> _tokens;
    private readonly FilterLimits _limits;
    private int _next;
    private int _nesting;

    private FilterParser(List<FilterToken> tokens, FilterLimits limits)
    {
        _tokens = tokens;
        _limits = limits;
    }

    /// <summary>Parses <paramref name="text"/>. <paramref name="tree"/> is null for a blank filter.</summary>
    public static bool TryParse(string text, FilterLimits limits, out FilterNode? tree,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out FilterError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        tree = null;
        if (!FilterLexer.TryTokenize(text, limits, out var tokens, out error))
            return false;
        if (tokens.Count == 1)
            return true; // only End: blank filter

        var parser = new FilterParser(tokens, limits);
        try
        {
            var result = parser.ParseOr();
            if (parser.Peek.Kind != FilterTokenKind.End)
                throw parser.Unexpected("end of filter");
            if (result.Depth > limits.MaxTreeDepth)
                throw new FilterSyntaxException(new FilterError(FilterErrorKind.TooDeep, 0,
                    $"expression tree of depth {result.Depth}, limit {limits.MaxTreeDepth}"));
            tree = result;
            return true;
        }
        catch (FilterSyntaxException failure)
        {
            // Internal control flow only: the exception never leaves this method.
            error = failure.Error;
            return false;
        }
    }

    /// <summary>Parses with <see cref="FilterLimits.Default"/>.</summary>
    public static bool TryParse(string text, out FilterNode? tree,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out FilterError? error) =>
        TryParse(text, FilterLimits.Default, out tree, out error);

    private FilterToken Peek => _tokens[_next];

    private FilterToken Take() => _tokens[_next++];

    private FilterNode ParseOr()
    {
        var first = ParseAnd();
        if (Peek.Kind != FilterTokenKind.Or)
            return first;
        var terms = new List<FilterNode>();
        AddFlattened(terms, first, FilterLogicalOperator.Or);
        while (Peek.Kind == FilterTokenKind.Or)
        {
            Take();
            AddFlattened(terms, ParseAnd(), FilterLogicalOperator.Or);
        }
        return new FilterLogical(FilterLogicalOperator.Or, terms);
    }

    private FilterNode ParseAnd()
    {
        var first = ParseNot();
        if (Peek.Kind != FilterTokenKind.And)
            return first;
        var terms = new List<FilterNode>();
        AddFlattened(terms, first, FilterLogicalOperator.And);
        while (Peek.Kind == FilterTokenKind.And)
        {
            Take();
            AddFlattened(terms, ParseNot(), FilterLogicalOperator.And);
        }
        return new FilterLogical(FilterLogicalOperator.And, terms);
    }

    private static void AddFlattened(List<FilterNode> terms, FilterNode term, FilterLogicalOperator op)
    {
        if (term is FilterLogical logical && logical.Operator == op)
            terms.AddRange(logical.Terms);
        else
            terms.Add(term);
    }

    private FilterNode ParseNot()
    {
        if (Peek.Kind != FilterTokenKind.Not)
            return ParseComparison();
        var token = Take();
        Enter(token);
        var operand = ParseNot();
        _nesting--;
        return new FilterUnary(FilterUnaryOperator.Not, operand);
    }

    private FilterNode ParseComparison()
    {
        var left = ParseAdditive();
        while (true)
        {
            var kind = Peek.Kind;
            if (kind == FilterTokenKind.Like || (kind == FilterTokenKind.Not && _tokens[_next + 1].Kind == FilterTokenKind.Like))
            {
                bool negated = Take().Kind == FilterTokenKind.Not;
                if (negated)
                    Take();
                left = new FilterLike(left, ParseAdditive(), negated);
                continue;
            }
            FilterBinaryOperator? op = kind switch
            {
                FilterTokenKind.Equal => FilterBinaryOperator.Equal,
                FilterTokenKind.NotEqual => FilterBinaryOperator.NotEqual,
                FilterTokenKind.Less => FilterBinaryOperator.Less,
                FilterTokenKind.LessOrEqual => FilterBinaryOperator.LessOrEqual,
                FilterTokenKind.Greater => FilterBinaryOperator.Greater,
                FilterTokenKind.GreaterOrEqual => FilterBinaryOperator.GreaterOrEqual,
                _ => null,
            };
            if (op is null)
                return left;
            Take();
            left = new FilterBinary(op.Value, left, ParseAdditive());
        }
    }

    private FilterNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            FilterBinaryOperator? op = Peek.Kind switch
            {
                FilterTokenKind.Plus => FilterBinaryOperator.Add,
                FilterTokenKind.Minus => FilterBinaryOperator.Subtract,
                FilterTokenKind.Ampersand => FilterBinaryOperator.BitAnd,
                FilterTokenKind.Caret => FilterBinaryOperator.BitXor,
                FilterTokenKind.Pipe => FilterBinaryOperator.BitOr,
                _ => null,
            };
            if (op is null)
                return left;
            Take();
            left = new FilterBinary(op.Value, left, ParseMultiplicative());
        }
    }

    private FilterNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            FilterBinaryOperator? op = Peek.Kind switch
            {
                FilterTokenKind.Star => FilterBinaryOperator.Multiply,
                FilterTokenKind.Slash => FilterBinaryOperator.Divide,
                FilterTokenKind.Percent => FilterBinaryOperator.Modulo,
                _ => null,
            };
            if (op is null)
                return left;
            Take();
            left = new FilterBinary(op.Value, left, ParseUnary());
        }
    }

    private FilterNode ParseUnary()
    {
        if (Peek.Kind != FilterTokenKind.Minus)
            return ParsePrimary();
        var token = Take();
        if (Peek.Kind == FilterTokenKind.Number)
        {
            // "-5" is a literal; fold it so that "ev > -5" stays a simple key/number comparison.
            return new FilterNumber(unchecked(-Take().Number));
        }
        Enter(token);
        var operand = ParseUnary();
        _nesting--;
        return new FilterUnary(FilterUnaryOperator.Negate, operand);
    }

    private FilterNode ParsePrimary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case FilterTokenKind.Number:
                return new FilterNumber(token.Number);
            case FilterTokenKind.String:
                return new FilterString(token.Text!);
            case FilterTokenKind.Identifier:
                return new FilterKeyReference(token.Text!);
            case FilterTokenKind.OpenParen:
                {
                    Enter(token);
                    var inner = ParseOr();
                    if (Peek.Kind != FilterTokenKind.CloseParen)
                        throw Unexpected("')'");
                    Take();
                    _nesting--;
                    return inner;
                }
            default:
                _next--;
                throw Unexpected("a key, number, string or '('");
        }
    }

    private void Enter(FilterToken token)
    {
        if (++_nesting > _limits.MaxNesting)
            throw new FilterSyntaxException(new FilterError(FilterErrorKind.TooDeep, token.Position,
                $"nested deeper than {_limits.MaxNesting}"));
    }

    private FilterSyntaxException Unexpected(string expected)
    {
        var token = Peek;
        return token.Kind == FilterTokenKind.End
            ? new FilterSyntaxException(new FilterError(FilterErrorKind.UnexpectedEnd, token.Position, $"filter ends where {expected} was expected"))
            : new FilterSyntaxException(new FilterError(FilterErrorKind.UnexpectedToken, token.Position, $"{token.Kind} where {expected} was expected"));
    }

    /// <summary>Unwinds the recursive descent on the first error; caught in <see cref="TryParse(string, FilterLimits, out FilterNode?, out FilterError?)"/>.</summary>
    private sealed class FilterSyntaxException(FilterError error) : Exception(error.Message)
    {
        public FilterError Error { get; } = error;
    }
}
