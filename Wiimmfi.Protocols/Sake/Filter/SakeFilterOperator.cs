namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>Binary operators of the SAKE filter language (sake.md §7).</summary>
public enum SakeFilterOperator
{
    Or,
    Like,
    And,
    Equal,
    NotEqual,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    Add,
    Subtract,
    BitAnd,
    BitXor,
    BitOr,
    Multiply,
    Divide,
    Modulo,
}

/// <summary>Spelling and precedence of <see cref="SakeFilterOperator"/>.</summary>
public static class SakeFilterOperators
{
    /// <summary>
    /// Binding strength, higher binds tighter: or/like 1 &lt; and 2 &lt; comparisons 3 &lt;
    /// + - &amp; ^ | 4 &lt; * / % 5 (WiiLink's table; bitwise operators share the additive level,
    /// so <c>a &amp; 32 &gt; 0</c> means <c>(a &amp; 32) &gt; 0</c>).
    /// </summary>
    public static int Precedence(SakeFilterOperator op) => op switch
    {
        SakeFilterOperator.Or or SakeFilterOperator.Like => 1,
        SakeFilterOperator.And => 2,
        SakeFilterOperator.Equal or SakeFilterOperator.NotEqual or SakeFilterOperator.Less or SakeFilterOperator.Greater
            or SakeFilterOperator.LessOrEqual or SakeFilterOperator.GreaterOrEqual => 3,
        SakeFilterOperator.Add or SakeFilterOperator.Subtract or SakeFilterOperator.BitAnd
            or SakeFilterOperator.BitXor or SakeFilterOperator.BitOr => 4,
        _ => 5,
    };

    /// <summary>Canonical spelling (used when printing a tree).</summary>
    public static string Symbol(SakeFilterOperator op) => op switch
    {
        SakeFilterOperator.Or => "or",
        SakeFilterOperator.Like => "like",
        SakeFilterOperator.And => "and",
        SakeFilterOperator.Equal => "=",
        SakeFilterOperator.NotEqual => "!=",
        SakeFilterOperator.Less => "<",
        SakeFilterOperator.Greater => ">",
        SakeFilterOperator.LessOrEqual => "<=",
        SakeFilterOperator.GreaterOrEqual => ">=",
        SakeFilterOperator.Add => "+",
        SakeFilterOperator.Subtract => "-",
        SakeFilterOperator.BitAnd => "&",
        SakeFilterOperator.BitXor => "^",
        SakeFilterOperator.BitOr => "|",
        SakeFilterOperator.Multiply => "*",
        SakeFilterOperator.Divide => "/",
        _ => "%",
    };
}
