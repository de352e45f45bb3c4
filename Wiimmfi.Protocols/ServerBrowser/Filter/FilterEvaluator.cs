using System.Globalization;

namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>
/// Walks compiled nodes against one server. Recursion depth is bounded by the tree depth the parser allows.
/// Nothing here allocates: values are <see cref="FilterValue"/> spans, numbers are formatted into stack buffers.
/// </summary>
internal static class FilterEvaluator
{
    /// <summary>Longest decimal text of a long ("-9223372036854775808").</summary>
    private const int MaxNumberChars = 20;

    public static FilterValue Evaluate<TSource>(FilterOp op, ref TSource source) where TSource : IFilterValueSource
    {
        switch (op.Kind)
        {
            case FilterOpKind.Number:
                return FilterValue.FromNumber(op.Number);
            case FilterOpKind.Text:
                return FilterValue.FromText(op.Text);
            case FilterOpKind.Key:
                return FilterValue.FromText(KeyValue(op, ref source));
            case FilterOpKind.KeyEqualsText:
                return FilterValue.FromBool(KeyValue(op, ref source).SequenceEqual(op.Text));
            case FilterOpKind.KeyNotEqualsText:
                return FilterValue.FromBool(!KeyValue(op, ref source).SequenceEqual(op.Text));
            case FilterOpKind.KeyCompareNumber:
                return FilterValue.FromBool(
                    FilterValue.TryParseInteger(KeyValue(op, ref source), out long keyNumber) &&
                    CompareNumbers(op.Operator, keyNumber, op.Number));
            case FilterOpKind.And:
                foreach (var term in op.Terms)
                {
                    if (!IsTrue(Evaluate(term, ref source)))
                        return FilterValue.FromBool(false);
                }
                return FilterValue.FromBool(true);
            case FilterOpKind.Or:
                foreach (var term in op.Terms)
                {
                    if (IsTrue(Evaluate(term, ref source)))
                        return FilterValue.FromBool(true);
                }
                return FilterValue.FromBool(false);
            case FilterOpKind.Not:
                return FilterValue.FromBool(!IsTrue(Evaluate(op.Left!, ref source)));
            case FilterOpKind.Negate:
                return Evaluate(op.Left!, ref source).TryGetNumber(out long operand)
                    ? FilterValue.FromNumber(unchecked(-operand))
                    : FilterValue.Invalid;
            case FilterOpKind.Arithmetic:
                {
                    bool leftOk = Evaluate(op.Left!, ref source).TryGetNumber(out long left);
                    bool rightOk = Evaluate(op.Right!, ref source).TryGetNumber(out long right);
                    return leftOk && rightOk ? Arithmetic(op.Operator, left, right) : FilterValue.Invalid;
                }
            case FilterOpKind.Compare:
                return FilterValue.FromBool(Compare(op.Operator, Evaluate(op.Left!, ref source), Evaluate(op.Right!, ref source)));
            case FilterOpKind.Like:
                return FilterValue.FromBool(Like(Evaluate(op.Left!, ref source), Evaluate(op.Right!, ref source)) != op.Negated);
            default:
                return FilterValue.Invalid;
        }
    }

    /// <summary>Truth of a value: a non-zero integer (text counts as its integer value; non-numeric is false).</summary>
    public static bool IsTrue(FilterValue value) => value.TryGetNumber(out long number) && number != 0;

    private static ReadOnlySpan<char> KeyValue<TSource>(FilterOp op, ref TSource source) where TSource : IFilterValueSource =>
        source.TryGetValue(op.KeyIndex, op.KeyName, out var value) ? value : [];

    private static FilterValue Arithmetic(FilterBinaryOperator op, long left, long right)
    {
        switch (op)
        {
            case FilterBinaryOperator.Multiply: return FilterValue.FromNumber(unchecked(left * right));
            case FilterBinaryOperator.Add: return FilterValue.FromNumber(unchecked(left + right));
            case FilterBinaryOperator.Subtract: return FilterValue.FromNumber(unchecked(left - right));
            case FilterBinaryOperator.BitAnd: return FilterValue.FromNumber(left & right);
            case FilterBinaryOperator.BitXor: return FilterValue.FromNumber(left ^ right);
            case FilterBinaryOperator.BitOr: return FilterValue.FromNumber(left | right);
            case FilterBinaryOperator.Divide or FilterBinaryOperator.Modulo:
                // Both would throw in .NET: division by zero, and MinValue / -1 (overflow).
                if (right == 0 || (left == long.MinValue && right == -1))
                    return FilterValue.Invalid;
                return FilterValue.FromNumber(op == FilterBinaryOperator.Divide ? left / right : left % right);
            default:
                return FilterValue.Invalid;
        }
    }

    private static bool Compare(FilterBinaryOperator op, FilterValue left, FilterValue right)
    {
        if (left.Kind == FilterValueKind.Invalid || right.Kind == FilterValueKind.Invalid)
            return false;
        if (op is FilterBinaryOperator.Equal or FilterBinaryOperator.NotEqual)
        {
            bool equal;
            if (left.Kind == FilterValueKind.Number && right.Kind == FilterValueKind.Number)
            {
                equal = left.Number == right.Number;
            }
            else
            {
                Span<char> leftBuffer = stackalloc char[MaxNumberChars];
                Span<char> rightBuffer = stackalloc char[MaxNumberChars];
                equal = AsText(left, leftBuffer).SequenceEqual(AsText(right, rightBuffer));
            }
            return equal == (op == FilterBinaryOperator.Equal);
        }
        return left.TryGetNumber(out long l) && right.TryGetNumber(out long r) && CompareNumbers(op, l, r);
    }

    private static bool CompareNumbers(FilterBinaryOperator op, long left, long right) => op switch
    {
        FilterBinaryOperator.Less => left < right,
        FilterBinaryOperator.LessOrEqual => left <= right,
        FilterBinaryOperator.Greater => left > right,
        FilterBinaryOperator.GreaterOrEqual => left >= right,
        FilterBinaryOperator.Equal => left == right,
        FilterBinaryOperator.NotEqual => left != right,
        _ => false,
    };

    private static bool Like(FilterValue subject, FilterValue pattern)
    {
        if (subject.Kind == FilterValueKind.Invalid || pattern.Kind == FilterValueKind.Invalid)
            return false;
        Span<char> subjectBuffer = stackalloc char[MaxNumberChars];
        Span<char> patternBuffer = stackalloc char[MaxNumberChars];
        return LikeMatcher.Matches(AsText(subject, subjectBuffer), AsText(pattern, patternBuffer));
    }

    /// <summary>Text of a value; numbers are formatted into <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<char> AsText(FilterValue value, Span<char> buffer)
    {
        if (value.Kind != FilterValueKind.Number)
            return value.Text;
        value.Number.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture);
        return buffer[..written];
    }
}
