using System.Globalization;

namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>
/// A node of a parsed SAKE filter. Printing a tree (<c>ToString</c>) gives a fully parenthesised
/// canonical form, handy for logs and for recognising fixed filter shapes (MKW ghost searches).
/// </summary>
public abstract record SakeFilterNode;

/// <summary>An integer literal.</summary>
public sealed record SakeFilterNumber(long Value) : SakeFilterNode
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A quoted text literal (quotes removed, doubled quotes undone).</summary>
public sealed record SakeFilterString(string Value) : SakeFilterNode
{
    public override string ToString() => "'" + Value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>
/// A name: record metadata (<c>recordid</c>, <c>ownerid</c>, <c>gameid</c>, <c>tableid</c>) or a
/// field of the record (a missing field reads as <c>'0'</c>).
/// </summary>
public sealed record SakeFilterIdentifier(string Name) : SakeFilterNode
{
    public override string ToString() => Name;
}

/// <summary><c>Left Operator Right</c>.</summary>
public sealed record SakeFilterBinary(SakeFilterOperator Operator, SakeFilterNode Left, SakeFilterNode Right) : SakeFilterNode
{
    public override string ToString() => $"({Left} {SakeFilterOperators.Symbol(Operator)} {Right})";
}

/// <summary>A function call such as <c>SUBSTRING(country, 5, 1)</c>.</summary>
public sealed record SakeFilterFunction(string Name, IReadOnlyList<SakeFilterNode> Arguments) : SakeFilterNode
{
    public override string ToString() => $"{Name}({string.Join(", ", Arguments)})";

    // Records compare lists by reference; compare the arguments instead.
    public bool Equals(SakeFilterFunction? other) =>
        other is not null && Name == other.Name && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Name, Arguments.Count);
}
