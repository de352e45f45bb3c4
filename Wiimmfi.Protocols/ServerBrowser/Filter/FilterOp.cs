namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>Kinds of compiled nodes: the general forms plus the shapes DWC filters are made of.</summary>
internal enum FilterOpKind : byte
{
    Number,
    Text,
    Key,
    Negate,
    Not,
    Arithmetic,
    Compare,
    And,
    Or,
    Like,
    /// <summary>key = 'literal' (also key = 90, compared as the text "90").</summary>
    KeyEqualsText,
    /// <summary>key != 'literal'.</summary>
    KeyNotEqualsText,
    /// <summary>key &lt;|&lt;=|&gt;|&gt;= number.</summary>
    KeyCompareNumber,
}

/// <summary>A compiled filter node. Built once by <see cref="FilterCompiler"/>, read-only afterwards.</summary>
internal sealed class FilterOp
{
    public FilterOpKind Kind;
    public FilterBinaryOperator Operator;
    public long Number;
    public string Text = "";
    public int KeyIndex;
    public string KeyName = "";
    public FilterOp? Left;
    public FilterOp? Right;
    public FilterOp[] Terms = [];
    public bool Negated;

    public bool IsConstant => Kind is FilterOpKind.Number or FilterOpKind.Text;
}
