using System.Globalization;
using System.Text;

namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>Arithmetic, bitwise and comparison operators.</summary>
public enum FilterBinaryOperator
{
    /// <summary>*</summary>
    Multiply,
    /// <summary>/ (integer; division by zero makes the value invalid)</summary>
    Divide,
    /// <summary>%</summary>
    Modulo,
    /// <summary>+</summary>
    Add,
    /// <summary>-</summary>
    Subtract,
    /// <summary>&amp;</summary>
    BitAnd,
    /// <summary>^</summary>
    BitXor,
    /// <summary>|</summary>
    BitOr,
    /// <summary>= (string comparison)</summary>
    Equal,
    /// <summary>!= (string comparison)</summary>
    NotEqual,
    /// <summary>&lt; (integers)</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}

/// <summary>Prefix operators.</summary>
public enum FilterUnaryOperator
{
    /// <summary>Unary minus.</summary>
    Negate,
    /// <summary>Logical NOT.</summary>
    Not,
}

/// <summary>AND / OR.</summary>
public enum FilterLogicalOperator
{
    /// <summary>and, &amp;&amp;</summary>
    And,
    /// <summary>or, ||</summary>
    Or,
}

/// <summary>
/// The syntax tree of a filter. Immutable; policies (e.g. the MKW overrides) rewrite it into a new tree before it
/// is compiled with <see cref="CompiledFilter.Compile"/>.
/// </summary>
public abstract record FilterNode
{
    /// <summary>The tree as fully parenthesised filter text (for logs and tests; parses back to an equal tree).</summary>
    public string ToFilterText()
    {
        var builder = new StringBuilder();
        Print(builder);
        return builder.ToString();
    }

    /// <summary>Depth of the tree (a leaf is 1).</summary>
    public abstract int Depth { get; }

    internal abstract void Print(StringBuilder builder);
}

/// <summary>A server key, e.g. <c>dwc_pid</c>: the server's value for it (empty when missing).</summary>
public sealed record FilterKeyReference(string Name) : FilterNode
{
    /// <inheritdoc/>
    public override int Depth => 1;

    internal override void Print(StringBuilder builder) => builder.Append(Name);
}

/// <summary>An integer literal.</summary>
public sealed record FilterNumber(long Value) : FilterNode
{
    /// <inheritdoc/>
    public override int Depth => 1;

    internal override void Print(StringBuilder builder)
    {
        if (Value < 0)
            builder.Append('(').Append(Value.ToString(CultureInfo.InvariantCulture)).Append(')');
        else
            builder.Append(Value.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>A string literal.</summary>
public sealed record FilterString(string Value) : FilterNode
{
    /// <inheritdoc/>
    public override int Depth => 1;

    internal override void Print(StringBuilder builder)
    {
        char quote = Value.Contains('\'') ? '"' : '\'';
        builder.Append(quote).Append(Value).Append(quote);
    }
}

/// <summary>Unary minus or NOT.</summary>
public sealed record FilterUnary(FilterUnaryOperator Operator, FilterNode Operand) : FilterNode
{
    /// <inheritdoc/>
    public override int Depth => 1 + Operand.Depth;

    internal override void Print(StringBuilder builder)
    {
        builder.Append(Operator == FilterUnaryOperator.Not ? "(not " : "(-");
        Operand.Print(builder);
        builder.Append(')');
    }
}

/// <summary>An arithmetic, bitwise or comparison operation.</summary>
public sealed record FilterBinary(FilterBinaryOperator Operator, FilterNode Left, FilterNode Right) : FilterNode
{
    /// <inheritdoc/>
    public override int Depth => 1 + Math.Max(Left.Depth, Right.Depth);

    /// <summary>True for = != &lt; &lt;= &gt; &gt;=.</summary>
    public bool IsComparison => Operator >= FilterBinaryOperator.Equal;

    internal override void Print(StringBuilder builder)
    {
        builder.Append('(');
        Left.Print(builder);
        builder.Append(' ').Append(Symbol(Operator)).Append(' ');
        Right.Print(builder);
        builder.Append(')');
    }

    internal static string Symbol(FilterBinaryOperator op) => op switch
    {
        FilterBinaryOperator.Multiply => "*",
        FilterBinaryOperator.Divide => "/",
        FilterBinaryOperator.Modulo => "%",
        FilterBinaryOperator.Add => "+",
        FilterBinaryOperator.Subtract => "-",
        FilterBinaryOperator.BitAnd => "&",
        FilterBinaryOperator.BitXor => "^",
        FilterBinaryOperator.BitOr => "|",
        FilterBinaryOperator.Equal => "=",
        FilterBinaryOperator.NotEqual => "!=",
        FilterBinaryOperator.Less => "<",
        FilterBinaryOperator.LessOrEqual => "<=",
        FilterBinaryOperator.Greater => ">",
        _ => ">=",
    };
}

/// <summary>AND/OR over two or more terms (chains are flattened: <c>a and (b and c)</c> is one AND of three).</summary>
public sealed record FilterLogical(FilterLogicalOperator Operator, IReadOnlyList<FilterNode> Terms) : FilterNode
{
    /// <inheritdoc/>
    public override int Depth
    {
        get
        {
            int deepest = 0;
            foreach (var term in Terms)
                deepest = Math.Max(deepest, term.Depth);
            return 1 + deepest;
        }
    }

    internal override void Print(StringBuilder builder)
    {
        builder.Append('(');
        for (int i = 0; i < Terms.Count; i++)
        {
            if (i > 0)
                builder.Append(Operator == FilterLogicalOperator.And ? " and " : " or ");
            Terms[i].Print(builder);
        }
        builder.Append(')');
    }
}

/// <summary>SQL LIKE: <c>%</c> any run, <c>_</c> one character, <c>\</c> escapes; ASCII case-insensitive.</summary>
public sealed record FilterLike(FilterNode Subject, FilterNode Pattern, bool Negated) : FilterNode
{
    /// <inheritdoc/>
    public override int Depth => 1 + Math.Max(Subject.Depth, Pattern.Depth);

    internal override void Print(StringBuilder builder)
    {
        builder.Append('(');
        Subject.Print(builder);
        builder.Append(Negated ? " not like " : " like ");
        Pattern.Print(builder);
        builder.Append(')');
    }
}
