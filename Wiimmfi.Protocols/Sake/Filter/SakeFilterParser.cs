namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>
/// Parses a SAKE filter (the SQL-<c>WHERE</c>-like <c>filter</c> element) into a tree.
/// </summary>
/// <remarks>
/// <para>Grammar (sake.md §7), operators left-associative, precedence in <see cref="SakeFilterOperators.Precedence"/>:</para>
/// <code>
/// expr    := operand ( binop operand )*
/// operand := number | 'text' | "text" | identifier | identifier '(' expr (',' expr)* ')' | '(' expr ')'
/// </code>
/// <para>
/// The parser only builds the tree; it does not decide what is supported in SQL (functions other
/// than SUBSTRING, <c>* / %</c>): <see cref="SakeFilterSql"/> refuses those, so a service can
/// still inspect any well-formed filter. Recursion is bounded by
/// <see cref="SakeFilterLimits.MaxDepth"/>, the token count by <see cref="SakeFilterLimits.MaxTokens"/>.
/// </para>
/// </remarks>
public static class SakeFilterParser
{
    public static SakeFilterParseResult Parse(string filter, SakeFilterLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        limits ??= SakeFilterLimits.Default;
        if (!SakeFilterTokenizer.TryTokenize(filter, limits, out var tokens, out var error))
        {
            return new SakeFilterParseResult(null, error);
        }
        if (tokens.Count == 1)
        {
            return new SakeFilterParseResult(null, new SakeFilterError(0, "Empty filter."));
        }
        var parser = new Parser(tokens, limits.MaxDepth);
        var node = parser.Expression(1, 0);
        if (node is not null && parser.Current.Kind != SakeFilterTokenKind.End)
        {
            parser.Fail($"Unexpected {Describe(parser.Current)}.");
            node = null;
        }
        return node is null ? new SakeFilterParseResult(null, parser.Error) : new SakeFilterParseResult(node, null);
    }

    private static string Describe(SakeFilterToken token) => token.Kind switch
    {
        SakeFilterTokenKind.End => "end of filter",
        SakeFilterTokenKind.Operator => $"operator '{SakeFilterOperators.Symbol(token.Operator)}'",
        SakeFilterTokenKind.LeftParen => "'('",
        SakeFilterTokenKind.RightParen => "')'",
        SakeFilterTokenKind.Comma => "','",
        _ => token.Kind.ToString().ToLowerInvariant(),
    };

    private sealed class Parser(List<SakeFilterToken> tokens, int maxDepth)
    {
        private int _index;

        public SakeFilterError? Error { get; private set; }

        public SakeFilterToken Current => tokens[_index];

        public void Fail(string message) => Error ??= new SakeFilterError(Current.Position, message);

        // Precedence climbing: parse operands joined by operators binding at least minPrecedence.
        public SakeFilterNode? Expression(int minPrecedence, int depth)
        {
            if (depth > maxDepth)
            {
                Fail($"Nested deeper than {maxDepth}.");
                return null;
            }
            var left = Operand(depth);
            while (left is not null && Current.Kind == SakeFilterTokenKind.Operator
                   && SakeFilterOperators.Precedence(Current.Operator) >= minPrecedence)
            {
                var op = Current.Operator;
                _index++;
                var right = Expression(SakeFilterOperators.Precedence(op) + 1, depth + 1);
                left = right is null ? null : new SakeFilterBinary(op, left, right);
            }
            return left;
        }

        private SakeFilterNode? Operand(int depth)
        {
            var token = Current;
            switch (token.Kind)
            {
                case SakeFilterTokenKind.Number:
                    _index++;
                    return new SakeFilterNumber(token.Number);
                case SakeFilterTokenKind.String:
                    _index++;
                    return new SakeFilterString(token.Text);
                case SakeFilterTokenKind.Identifier:
                    _index++;
                    return Current.Kind == SakeFilterTokenKind.LeftParen ? Call(token, depth) : new SakeFilterIdentifier(token.Text);
                case SakeFilterTokenKind.LeftParen:
                    _index++;
                    var inner = Expression(1, depth + 1);
                    return inner is not null && Expect(SakeFilterTokenKind.RightParen, "')'") ? inner : null;
                default:
                    Fail($"Expected a value, found {Describe(token)}.");
                    return null;
            }
        }

        private SakeFilterNode? Call(SakeFilterToken name, int depth)
        {
            _index++; // '('
            var arguments = new List<SakeFilterNode>();
            while (true)
            {
                var argument = Expression(1, depth + 1);
                if (argument is null)
                {
                    return null;
                }
                arguments.Add(argument);
                if (Current.Kind == SakeFilterTokenKind.Comma)
                {
                    _index++;
                    continue;
                }
                return Expect(SakeFilterTokenKind.RightParen, "')' or ','") ? new SakeFilterFunction(name.Text, arguments) : null;
            }
        }

        private bool Expect(SakeFilterTokenKind kind, string what)
        {
            if (Current.Kind != kind)
            {
                Fail($"Expected {what}, found {Describe(Current)}.");
                return false;
            }
            _index++;
            return true;
        }
    }
}
