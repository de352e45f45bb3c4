namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>
/// A filter ready to be applied to many servers: compile once per request, then call
/// <see cref="Matches{TSource}(ref TSource)"/> for each candidate.
/// </summary>
/// <remarks>
/// <para><b>Semantics</b> (serverbrowser.md §7.3). Values are integers or strings. A key yields the server's string
/// (empty when missing). <c>=</c> and <c>!=</c> compare as strings, a number counting as its decimal text (two
/// numbers compare numerically, which is the same thing); <c>&lt; &lt;= &gt; &gt;=</c>, arithmetic and bit
/// operators work on 64-bit integers, and a string that is not an integer — a missing key included — makes that
/// comparison false for this server (never an error for the whole query). Division or modulo by zero and
/// <c>long.MinValue / -1</c> give an invalid value, which makes any comparison false. AND, OR and NOT treat
/// non-zero integers as true (a string counts as its integer value, non-numeric as false) and yield 1/0. LIKE
/// compares the text with a SQL pattern (<see cref="LikeMatcher"/>). The filter matches when the result is true.</para>
/// <para><b>Speed.</b> The tree is compiled into nodes specialised for the shapes DWC filters are made of
/// (<c>key = literal</c>, <c>key &lt; number</c>, n-ary AND/OR with short-circuit), constant parts are folded, and
/// evaluation walks the nodes with a value type holding spans: nothing is allocated per server. The source is a
/// generic struct passed by reference, so each table gets code specialised for its own row type.</para>
/// <para><b>Indexes.</b> <see cref="RequiredEqualities"/> lists the <c>key = literal</c> terms every match must
/// satisfy (top-level AND terms); a table can use them to look up candidates in an index instead of scanning
/// every host, then confirm each candidate with <see cref="Matches{TSource}(ref TSource)"/>.</para>
/// <para>Immutable and thread-safe: one compiled filter can serve concurrent queries (cache it by text).</para>
/// </remarks>
public sealed partial class CompiledFilter
{
    private readonly FilterOp? _root;

    private CompiledFilter(string text, FilterNode? syntax, FilterOp? root, string[] keys,
        IReadOnlyList<KeyValuePair<string, string>> requiredEqualities)
    {
        Text = text;
        Syntax = syntax;
        _root = root;
        Keys = keys;
        RequiredEqualities = requiredEqualities;
    }

    /// <summary>The filter text (as received, or printed from the tree for compiled trees).</summary>
    public string Text { get; }

    /// <summary>The syntax tree after any rewrite, or null for a blank filter.</summary>
    public FilterNode? Syntax { get; }

    /// <summary>
    /// True for a blank filter, which matches every server. (The SDK means "all servers"; WiiLink returns none for
    /// a blank filter from a DWC game — that policy belongs to the caller.)
    /// </summary>
    public bool IsEmpty => Syntax is null;

    /// <summary>The distinct keys the filter reads, in order of first appearance; their positions are the
    /// <c>keyIndex</c> values passed to <see cref="IFilterValueSource.TryGetValue"/>.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>
    /// <c>key = literal</c> terms that every matching server satisfies, as (key, exact string value) pairs; empty
    /// when the filter has no such top-level terms (e.g. an OR at the top).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequiredEqualities { get; }

    /// <summary>Parses and compiles <paramref name="text"/> with <see cref="FilterLimits.Default"/>.</summary>
    public static bool TryCompile(string text,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CompiledFilter? filter,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out FilterError? error) =>
        TryCompile(text, FilterLimits.Default, out filter, out error);

    /// <summary>Parses and compiles <paramref name="text"/>; a refused filter yields a <see cref="FilterError"/>.</summary>
    public static bool TryCompile(string text, FilterLimits limits,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CompiledFilter? filter,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out FilterError? error)
    {
        filter = null;
        if (!FilterParser.TryParse(text, limits, out var tree, out error))
            return false;
        filter = Compile(tree, text);
        error = null;
        return true;
    }

    /// <summary>
    /// Compiles a syntax tree (from <see cref="FilterParser"/>, possibly rewritten by a policy). Null compiles to
    /// the blank filter.
    /// </summary>
    public static CompiledFilter Compile(FilterNode? tree, string? text = null)
    {
        if (tree is null)
            return new CompiledFilter(text ?? "", null, null, [], []);
        var compiler = new FilterCompiler();
        var root = compiler.CompileNode(tree);
        return new CompiledFilter(text ?? tree.ToFilterText(), tree, root, [.. compiler.Keys],
            FilterCompiler.RequiredEqualitiesOf(root));
    }

    /// <summary>True when the server whose values <paramref name="source"/> gives passes the filter.</summary>
    public bool Matches<TSource>(ref TSource source) where TSource : IFilterValueSource =>
        _root is null || FilterEvaluator.IsTrue(FilterEvaluator.Evaluate(_root, ref source));

    /// <summary>Convenience overload over a dictionary of the server's keys.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> values)
    {
        var source = new FilterDictionarySource(values);
        return Matches(ref source);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
