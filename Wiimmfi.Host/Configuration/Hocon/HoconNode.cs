namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>
/// The parsed but not yet resolved tree. Substitutions cannot be resolved while parsing (they may look
/// forward, into later files and into the environment), so the parser builds these nodes and the
/// <see cref="HoconResolver"/> turns them into <see cref="HoconValue"/>s afterwards.
///
/// Invariant kept by <see cref="Merge"/>: a field holds several definitions (a <see cref="HoconMergeNode"/>)
/// only when a later one might need an earlier one — a substitution or concatenation that may refer back
/// to it (<c>path = ${path} [x]</c>), or an object laid over such a value. Everything that is certainly
/// hidden (a value overridden by a string, number or array) is dropped while parsing.
/// </summary>
internal abstract class HoconNode(HoconOrigin origin)
{
    private static int s_nextId;

    public HoconOrigin Origin { get; } = origin;

    /// <summary>Identity for memoisation and cycle detection: "this occurrence of ${…}".</summary>
    public int Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>True for values whose type is only known after resolution.</summary>
    public bool IsUnresolved => this is HoconSubstitutionNode or HoconConcatenationNode or HoconMergeNode;

    /// <summary>
    /// Combines an earlier definition of a field with a later one, following HOCON's duplicate-key rule:
    /// objects merge key by key, anything else replaces, and a possibly self-referring later value keeps
    /// the earlier one underneath it.
    /// </summary>
    public static HoconNode Merge(HoconNode older, HoconNode newer)
    {
        if (newer is HoconObjectNode newerObject)
        {
            if (newerObject.HidesEarlier)
            {
                // It was written over a non-object, which ended any merge with what came before.
                return newerObject;
            }
            switch (older)
            {
                case HoconObjectNode olderObject:
                    olderObject.MergeFrom(newerObject);
                    return olderObject;
                case HoconMergeNode stack when stack.Layers[^1] is HoconObjectNode top:
                    return new HoconMergeNode([.. stack.Layers.Take(stack.Layers.Count - 1), Merge(top, newerObject)], stack.Origin);
                case HoconMergeNode stack:
                    return new HoconMergeNode([.. stack.Layers, newerObject], stack.Origin);
                case HoconSubstitutionNode or HoconConcatenationNode:
                    return new HoconMergeNode([older, newerObject], older.Origin);
                default:
                    // A string, number, null or array under an object: the object wins, nothing merges —
                    // not now, and not later when this file is merged over another one.
                    newerObject.HidesEarlier = true;
                    return newerObject;
            }
        }
        if (newer is HoconSubstitutionNode or HoconConcatenationNode)
        {
            return older is HoconMergeNode stack
                ? new HoconMergeNode([.. stack.Layers, newer], stack.Origin)
                : new HoconMergeNode([older, newer], older.Origin);
        }
        return newer;
    }
}

/// <summary>An object as written: fields in first-seen order, duplicates already merged.</summary>
internal sealed class HoconObjectNode(HoconOrigin origin) : HoconNode(origin)
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, HoconNode> _fields = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Keys => _keys;

    public int Count => _keys.Count;

    /// <summary>
    /// Set when this object replaced a non-object (<c>a = null</c> then <c>a { … }</c>): it must not merge
    /// with definitions of the same key from before that, e.g. in an earlier file (HOCON.md, "Config object
    /// merging and file merging").
    /// </summary>
    public bool HidesEarlier { get; set; }

    public HoconNode this[string key] => _fields[key];

    public bool TryGetField(string key, out HoconNode node) => _fields.TryGetValue(key, out node!);

    /// <summary>Sets a field, merging with an earlier definition of the same key.</summary>
    public void SetField(string key, HoconNode value)
    {
        if (_fields.TryGetValue(key, out var existing))
        {
            _fields[key] = Merge(existing, value);
        }
        else
        {
            _keys.Add(key);
            _fields[key] = value;
        }
    }

    /// <summary>Sets <c>a.b.c = value</c> as <c>a { b { c = value } }</c>, merging as usual.</summary>
    public void SetPath(HoconPath path, HoconNode value, HoconOrigin keyOrigin)
    {
        for (var i = path.Count - 1; i > 0; i--)
        {
            var wrapper = new HoconObjectNode(keyOrigin);
            wrapper.SetField(path[i], value);
            value = wrapper;
        }
        SetField(path[0], value);
    }

    public void MergeFrom(HoconObjectNode other)
    {
        foreach (var key in other._keys)
        {
            SetField(key, other._fields[key]);
        }
    }
}

internal sealed class HoconArrayNode(IReadOnlyList<HoconNode> elements, HoconOrigin origin) : HoconNode(origin)
{
    public IReadOnlyList<HoconNode> Elements { get; } = elements;
}

/// <summary>
/// A string, number, boolean or null, with its text as written (numbers keep their spelling, which
/// matters when they are concatenated or used as keys). Whitespace between concatenated values is a
/// scalar too, marked <see cref="IsWhitespace"/>, so that it can be dropped next to arrays and objects.
/// </summary>
internal sealed class HoconScalarNode(HoconValueKind kind, string text, HoconOrigin origin, bool isWhitespace = false)
    : HoconNode(origin)
{
    public HoconValueKind Kind { get; } = kind;

    public string Text { get; } = text;

    public bool IsWhitespace { get; } = isWhitespace;
}

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. In an included file, <see cref="Path"/> is fixed up to start at the
/// include's location and <see cref="FallbackPath"/> keeps the path as written, which is looked up second
/// (HOCON.md, "Include semantics: substitution").
/// </summary>
internal sealed class HoconSubstitutionNode(HoconPath path, HoconPath? fallbackPath, bool optional, HoconOrigin origin)
    : HoconNode(origin)
{
    public HoconPath Path { get; } = path;

    public HoconPath? FallbackPath { get; } = fallbackPath;

    public bool Optional { get; } = optional;

    public string Display => "${" + (Optional ? "?" : "") + (FallbackPath ?? Path) + "}";
}

/// <summary>Values written side by side, at least one of them a substitution (others are folded while parsing).</summary>
internal sealed class HoconConcatenationNode(IReadOnlyList<HoconNode> pieces, HoconOrigin origin) : HoconNode(origin)
{
    public IReadOnlyList<HoconNode> Pieces { get; } = pieces;
}

/// <summary>Successive definitions of one field, earliest first, that must be combined after resolution.</summary>
internal sealed class HoconMergeNode(IReadOnlyList<HoconNode> layers, HoconOrigin origin) : HoconNode(origin)
{
    public IReadOnlyList<HoconNode> Layers { get; } = layers;
}
