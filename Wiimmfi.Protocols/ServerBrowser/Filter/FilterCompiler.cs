using System.Globalization;

namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>
/// Turns a <see cref="FilterNode"/> tree into <see cref="FilterOp"/> nodes: assigns key indexes, specialises
/// <c>key op literal</c> comparisons, folds constant sub-expressions and drops constant AND/OR terms.
/// </summary>
internal sealed class FilterCompiler
{
    private readonly Dictionary<string, int> _keyIndexes = new(StringComparer.Ordinal);

    public List<string> Keys { get; } = [];

    public FilterOp CompileNode(FilterNode node) => node switch
    {
        FilterNumber number => NumberOp(number.Value),
        FilterString text => new FilterOp { Kind = FilterOpKind.Text, Text = text.Value },
        FilterKeyReference key => KeyOp(FilterOpKind.Key, key.Name),
        FilterUnary unary => Fold(new FilterOp
        {
            Kind = unary.Operator == FilterUnaryOperator.Not ? FilterOpKind.Not : FilterOpKind.Negate,
            Left = CompileNode(unary.Operand),
        }),
        FilterBinary binary => CompileBinary(binary),
        FilterLogical logical => CompileLogical(logical),
        FilterLike like => Fold(new FilterOp
        {
            Kind = FilterOpKind.Like,
            Left = CompileNode(like.Subject),
            Right = CompileNode(like.Pattern),
            Negated = like.Negated,
        }),
        _ => throw new ArgumentException($"unknown filter node {node.GetType().Name}", nameof(node)),
    };

    /// <summary>The <c>key = literal</c> terms of a top-level AND (or of a lone comparison).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> RequiredEqualitiesOf(FilterOp root)
    {
        var terms = root.Kind == FilterOpKind.And ? root.Terms : [root];
        var result = new List<KeyValuePair<string, string>>();
        foreach (var term in terms)
        {
            if (term.Kind == FilterOpKind.KeyEqualsText)
                result.Add(new(term.KeyName, term.Text));
        }
        return result;
    }

    private FilterOp CompileBinary(FilterBinary binary)
    {
        if (binary.IsComparison && TrySpecialise(binary) is FilterOp special)
            return special;
        return Fold(new FilterOp
        {
            Kind = binary.IsComparison ? FilterOpKind.Compare : FilterOpKind.Arithmetic,
            Operator = binary.Operator,
            Left = CompileNode(binary.Left),
            Right = CompileNode(binary.Right),
        });
    }

    /// <summary>key = literal, key != literal, key &lt;|&lt;=|&gt;|&gt;= literal — and the mirrored forms.</summary>
    private FilterOp? TrySpecialise(FilterBinary binary)
    {
        var op = binary.Operator;
        FilterKeyReference? key;
        FilterNode literal;
        if (binary.Left is FilterKeyReference leftKey && binary.Right is FilterNumber or FilterString)
        {
            (key, literal) = (leftKey, binary.Right);
        }
        else if (binary.Right is FilterKeyReference rightKey && binary.Left is FilterNumber or FilterString)
        {
            (key, literal) = (rightKey, binary.Left);
            op = Mirror(op);
        }
        else
        {
            return null;
        }

        if (op is FilterBinaryOperator.Equal or FilterBinaryOperator.NotEqual)
        {
            string text = literal is FilterNumber n ? n.Value.ToString(CultureInfo.InvariantCulture) : ((FilterString)literal).Value;
            var special = KeyOp(op == FilterBinaryOperator.Equal ? FilterOpKind.KeyEqualsText : FilterOpKind.KeyNotEqualsText, key.Name);
            special.Text = text;
            return special;
        }

        long number;
        if (literal is FilterNumber numberLiteral)
            number = numberLiteral.Value;
        else if (!FilterValue.TryParseInteger(((FilterString)literal).Value, out number))
            return NumberOp(0); // an ordered comparison with a non-numeric literal is false for every server
        var compare = KeyOp(FilterOpKind.KeyCompareNumber, key.Name);
        compare.Operator = op;
        compare.Number = number;
        return compare;
    }

    private static FilterBinaryOperator Mirror(FilterBinaryOperator op) => op switch
    {
        FilterBinaryOperator.Less => FilterBinaryOperator.Greater,
        FilterBinaryOperator.LessOrEqual => FilterBinaryOperator.GreaterOrEqual,
        FilterBinaryOperator.Greater => FilterBinaryOperator.Less,
        FilterBinaryOperator.GreaterOrEqual => FilterBinaryOperator.LessOrEqual,
        _ => op,
    };

    private FilterOp CompileLogical(FilterLogical logical)
    {
        bool isAnd = logical.Operator == FilterLogicalOperator.And;
        var terms = new List<FilterOp>(logical.Terms.Count);
        foreach (var node in logical.Terms)
        {
            var term = CompileNode(node);
            if (term.Kind == (isAnd ? FilterOpKind.And : FilterOpKind.Or))
            {
                terms.AddRange(term.Terms); // a rewrite may have nested the same operator
                continue;
            }
            if (term.IsConstant)
            {
                bool value = ConstantTruth(term);
                if (value == isAnd)
                    continue;       // true in AND / false in OR: no effect
                return NumberOp(isAnd ? 0 : 1); // false in AND / true in OR: decides the result
            }
            terms.Add(term);
        }
        if (terms.Count == 0)
            return NumberOp(isAnd ? 1 : 0);
        return new FilterOp { Kind = isAnd ? FilterOpKind.And : FilterOpKind.Or, Terms = [.. terms] };
    }

    /// <summary>Replaces an operation on constants by its (integer) result; keeps it when the result is not an
    /// integer (e.g. a division by zero, which must stay invalid at run time).</summary>
    private static FilterOp Fold(FilterOp op)
    {
        if (!(op.Left?.IsConstant ?? true) || !(op.Right?.IsConstant ?? true))
            return op;
        var empty = default(EmptySource);
        var value = FilterEvaluator.Evaluate(op, ref empty);
        return value.Kind == FilterValueKind.Number ? NumberOp(value.Number) : op;
    }

    private static bool ConstantTruth(FilterOp constant)
    {
        var empty = default(EmptySource);
        return FilterEvaluator.IsTrue(FilterEvaluator.Evaluate(constant, ref empty));
    }

    private static FilterOp NumberOp(long value) => new() { Kind = FilterOpKind.Number, Number = value };

    private FilterOp KeyOp(FilterOpKind kind, string name)
    {
        if (!_keyIndexes.TryGetValue(name, out int index))
        {
            index = Keys.Count;
            _keyIndexes.Add(name, index);
            Keys.Add(name);
        }
        return new FilterOp { Kind = kind, KeyIndex = index, KeyName = name };
    }

    private readonly struct EmptySource : IFilterValueSource
    {
        public bool TryGetValue(int keyIndex, string keyName, out ReadOnlySpan<char> value)
        {
            value = default;
            return false;
        }
    }
}
