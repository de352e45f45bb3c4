namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>One key of a SAKE <c>sort</c>: a field (or record metadata) name and its direction.</summary>
public sealed record SakeSortKey(string Field, bool Descending);
