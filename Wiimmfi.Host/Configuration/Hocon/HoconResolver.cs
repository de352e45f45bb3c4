namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>
/// Resolves substitutions in a parsed tree and produces the final <see cref="HoconObject"/>.
///
/// What the specification asks (HOCON.md, "Substitutions", "Self-Referential Substitutions"):
/// * A substitution looks up an absolute path in the whole, merged configuration — it "looks forward"
///   and sees the last value a key was given, even in a later file.
/// * A field whose value is a substitution or a concatenation containing one may refer to itself
///   (<c>path = ${path} [x]</c>, <c>a += b</c>); such a reference "looks back" and sees only the
///   definitions of that field that came before.
/// * An object may refer to its own fields (<c>bar { foo = 42, baz = ${bar.foo} }</c>), so lookups walk
///   into objects lazily and resolve only the field they need.
/// * A missing <c>${x}</c> falls back to the environment variable <c>x</c>, then is an error naming the
///   path; a missing <c>${?x}</c> makes its field (or array element) disappear. A key set to null blocks
///   the environment.
/// * Cycles are errors (for <c>${?x}</c>, a cycle counts as missing). Results are memoised per
///   substitution occurrence so that two fields that refer to each other get the same value.
///
/// How: while one definition of a field (a "layer") is being resolved, the lookup context carries a
/// restriction "at path P, hide this layer and everything above it". Walking to P under that
/// restriction sees only the earlier layers — that is the look-back. Walking to P and finding nothing
/// left means either "no earlier value" (when the restriction is the current field's own) or a cycle
/// (when it belongs to a field further up the chain of lookups). Asking for the whole of an object
/// while one of its fields is being resolved is always a cycle.
///
/// What can go wrong: a configuration with deep chains of substitutions is cut off at
/// <see cref="MaxDepth"/> with an error instead of overflowing the stack.
/// </summary>
internal sealed class HoconResolver
{
    /// <summary>Real configurations chain a handful of substitutions; beyond this something loops.</summary>
    private const int MaxDepth = 256;

    private readonly HoconObjectNode _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<int, HoconValue?> _memo = [];
    private readonly HashSet<int> _inProgress = [];
    private readonly List<string> _chain = [];
    private int _depth;

    public HoconResolver(HoconObjectNode root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public HoconObject Resolve() => ResolveObject(_root, HoconPath.Root, Context.Empty);

    /// <summary>"At <see cref="Path"/>, hide <see cref="Layer"/> and every definition above it."</summary>
    private sealed record Restriction(HoconPath Path, HoconNode Layer);

    private sealed class Context
    {
        public static Context Empty { get; } = new([]);

        private Context(IReadOnlyList<Restriction> items) => Items = items;

        public IReadOnlyList<Restriction> Items { get; }

        public Context With(Restriction restriction) =>
            Items.Any(r => ReferenceEquals(r.Layer, restriction.Layer)) ? this : new([.. Items, restriction]);

        /// <summary>True when a field strictly inside <paramref name="path"/> is hidden: a value computed here is partial.</summary>
        public bool HidesSomethingBelow(HoconPath path) => Items.Any(r => path.IsStrictPrefixOf(r.Path));
    }

    private enum LookupStatus
    {
        Found,
        NotFound,
        /// <summary>The field refers to itself and has no earlier definition.</summary>
        NoEarlierValue,
        Cycle,
    }

    private HoconValue? ResolveNode(HoconNode node, HoconPath? path, Context context) => node switch
    {
        HoconScalarNode scalar => new HoconScalar(scalar.Kind, scalar.Kind == HoconValueKind.Null ? null : scalar.Text, scalar.Origin),
        HoconObjectNode obj => ResolveObject(obj, path, context),
        HoconArrayNode array => ResolveArray(array, context),
        _ => ResolveUnresolved(node, path, context),
    };

    private HoconObject ResolveObject(HoconObjectNode obj, HoconPath? path, Context context)
    {
        var keys = new List<string>(obj.Count);
        var fields = new Dictionary<string, HoconValue>(obj.Count, StringComparer.Ordinal);
        foreach (var key in obj.Keys)
        {
            var child = obj[key];
            var childPath = path?.Append(key);
            if (childPath is not null)
            {
                var visible = Cut(child, childPath, context, out _);
                if (visible is null)
                {
                    continue;
                }
                child = visible;
            }
            if (ResolveNode(child, childPath, context) is { } value)
            {
                keys.Add(key);
                fields[key] = value;
            }
        }
        return new HoconObject(keys, fields, obj.Origin);
    }

    private HoconArray ResolveArray(HoconArrayNode array, Context context)
    {
        var items = new List<HoconValue>(array.Elements.Count);
        foreach (var element in array.Elements)
        {
            // Elements have no field path: a substitution inside an array is never self-referential.
            if (ResolveNode(element, null, context) is { } value)
            {
                items.Add(value);
            }
        }
        return new HoconArray(items, array.Origin);
    }

    private HoconValue? ResolveUnresolved(HoconNode node, HoconPath? path, Context context)
    {
        var memoisable = path is null || !context.HidesSomethingBelow(path);
        if (memoisable && _memo.TryGetValue(node.Id, out var known))
        {
            return known;
        }
        if (!_inProgress.Add(node.Id))
        {
            throw new HoconCycleException(
                $"cycle: the value at {node.Origin} needs itself ({string.Join(" -> ", _chain)})",
                node.Origin, path ?? HoconPath.Root);
        }
        if (++_depth > MaxDepth)
        {
            throw new HoconResolveException($"substitutions are chained more than {MaxDepth} deep", node.Origin, path);
        }
        HoconValue? value;
        try
        {
            value = node switch
            {
                HoconSubstitutionNode substitution => ResolveSubstitutionField(substitution, path, context),
                HoconConcatenationNode concatenation => ResolveConcatenation(concatenation, path, context),
                HoconMergeNode merge => ResolveMerge(merge, path, context),
                _ => throw new InvalidOperationException($"unexpected node {node.GetType().Name}"),
            };
        }
        finally
        {
            _inProgress.Remove(node.Id);
            _depth--;
        }
        if (memoisable)
        {
            _memo[node.Id] = value;
        }
        return value;
    }

    private HoconValue? ResolveSubstitutionField(HoconSubstitutionNode substitution, HoconPath? path, Context context)
    {
        var self = path is null ? null : new Restriction(path, substitution);
        var value = Lookup(substitution, self is null ? context : context.With(self), self);
        // "Where was this set?" is answered by the field that says ${…}, unless the value came from outside.
        return value is HoconScalar { Origin.IsFilePosition: true } scalar ? scalar.WithOrigin(substitution.Origin) : value;
    }

    private HoconValue? ResolveConcatenation(HoconConcatenationNode concatenation, HoconPath? path, Context context)
    {
        var self = path is null ? null : new Restriction(path, concatenation);
        var inner = self is null ? context : context.With(self);
        var parts = new List<(HoconValue? Value, bool IsWhitespace, HoconNode Piece)>(concatenation.Pieces.Count);
        foreach (var piece in concatenation.Pieces)
        {
            var value = piece switch
            {
                HoconScalarNode { IsWhitespace: true } => ResolveNode(piece, null, inner),
                HoconSubstitutionNode substitution => Lookup(substitution, inner, self),
                HoconObjectNode obj => ResolveObject(obj, path, inner),
                _ => ResolveNode(piece, null, inner),
            };
            parts.Add((value, piece is HoconScalarNode { IsWhitespace: true }, piece));
        }
        return Combine(parts, concatenation.Origin);
    }

    /// <summary>
    /// Joins resolved pieces: strings (with the whitespace between them), arrays (appended) or objects
    /// (merged, later wins). Undefined optional substitutions count as nothing; if nothing is left the
    /// field disappears.
    /// </summary>
    private static HoconValue? Combine(List<(HoconValue? Value, bool IsWhitespace, HoconNode Piece)> parts, HoconOrigin origin)
    {
        var defined = parts.Where(p => p.IsWhitespace || p.Value is not null).ToList();
        while (defined.Count > 0 && defined[0].IsWhitespace)
        {
            defined.RemoveAt(0);
        }
        while (defined.Count > 0 && defined[^1].IsWhitespace)
        {
            defined.RemoveAt(defined.Count - 1);
        }
        if (defined.Count == 0)
        {
            return null;
        }
        if (defined.Count == 1)
        {
            return defined[0].Value;
        }

        var solid = defined.Where(p => !p.IsWhitespace).Select(p => p.Value!).ToList();
        if (solid.All(v => v is HoconScalar))
        {
            var text = string.Concat(defined.Select(p => p.Value!.ConcatenationText));
            return new HoconScalar(HoconValueKind.String, text, origin);
        }
        if (solid.All(v => v is HoconObject))
        {
            var merged = (HoconObject)solid[0];
            foreach (var next in solid.Skip(1))
            {
                merged = MergeObjects(merged, (HoconObject)next);
            }
            return merged;
        }
        if (solid.Any(v => v is HoconArray))
        {
            var items = new List<HoconValue>();
            foreach (var value in solid)
            {
                var list = HoconListConversion.AsList(value)
                    ?? throw ConcatenationError(solid.First(v => v is HoconArray), value, origin);
                items.AddRange(list);
            }
            return new HoconArray(items, origin);
        }
        var first = solid[0];
        throw ConcatenationError(first, solid.First(v => (v is HoconObject) != (first is HoconObject)), origin);
    }

    private static HoconResolveException ConcatenationError(HoconValue a, HoconValue b, HoconOrigin origin) =>
        new($"cannot concatenate {KindName(a)} with {KindName(b)}: values written side by side must be all strings, all arrays or all objects", origin);

    private static string KindName(HoconValue value) => value.Kind switch
    {
        HoconValueKind.Object => "an object",
        HoconValueKind.Array => "an array",
        _ => "a string",
    };

    /// <summary>Combines the definitions of one field, newest first: objects merge downwards until a non-object.</summary>
    private HoconValue? ResolveMerge(HoconMergeNode merge, HoconPath? path, Context context)
    {
        HoconValue? result = null;
        for (var i = merge.Layers.Count - 1; i >= 0; i--)
        {
            var layer = merge.Layers[i];
            HoconValue? value;
            try
            {
                value = ResolveNode(layer, path, context);
            }
            catch (HoconCycleException) when (i > 0 && layer.IsUnresolved)
            {
                // HOCON.md: when a cycle results, look back in the merge stack to break it.
                continue;
            }
            if (value is null)
            {
                continue; // an undefined ${?x}: the previous definition remains
            }
            if (result is null)
            {
                result = value;
                if (value is not HoconObject)
                {
                    return value;
                }
            }
            else if (value is HoconObject lower)
            {
                result = MergeObjects(lower, (HoconObject)result);
            }
            else
            {
                return result; // a non-object below an object is hidden, not merged
            }
        }
        return result;
    }

    private static HoconObject MergeObjects(HoconObject lower, HoconObject upper)
    {
        var keys = new List<string>(lower.Keys);
        var fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var key in lower.Keys)
        {
            fields[key] = lower[key];
        }
        foreach (var key in upper.Keys)
        {
            var value = upper[key];
            if (fields.TryGetValue(key, out var existing))
            {
                fields[key] = existing is HoconObject a && value is HoconObject b ? MergeObjects(a, b) : value;
            }
            else
            {
                keys.Add(key);
                fields[key] = value;
            }
        }
        return new HoconObject(keys, fields, upper.Origin);
    }

    /// <summary>
    /// The definitions of a field still visible under the context's restrictions at <paramref name="path"/>;
    /// null when all are hidden (and <paramref name="hiddenBy"/> says by which restriction).
    /// </summary>
    private static HoconNode? Cut(HoconNode node, HoconPath path, Context context, out Restriction? hiddenBy)
    {
        hiddenBy = null;
        var lowest = int.MaxValue;
        foreach (var restriction in context.Items)
        {
            if (!restriction.Path.Equals(path))
            {
                continue;
            }
            var index = -1;
            if (node is HoconMergeNode stack)
            {
                for (var i = 0; i < stack.Layers.Count; i++)
                {
                    if (ReferenceEquals(stack.Layers[i], restriction.Layer))
                    {
                        index = i;
                        break;
                    }
                }
            }
            else if (ReferenceEquals(node, restriction.Layer))
            {
                index = 0;
            }
            if (index >= 0 && index < lowest)
            {
                lowest = index;
                hiddenBy = restriction;
            }
        }
        if (hiddenBy is null)
        {
            return node;
        }
        if (lowest == 0)
        {
            return null;
        }
        var layers = ((HoconMergeNode)node).Layers;
        return lowest == 1 ? layers[0] : new HoconMergeNode(layers.Take(lowest).ToList(), node.Origin);
    }

    private HoconValue? Lookup(HoconSubstitutionNode substitution, Context context, Restriction? self)
    {
        _chain.Add(self is null ? substitution.Display : $"{self.Path} = {substitution.Display}");
        try
        {
            var noEarlierValue = false;
            foreach (var candidate in new[] { substitution.Path, substitution.FallbackPath })
            {
                if (candidate is null)
                {
                    continue;
                }
                var (status, value) = Find(candidate, context, self);
                switch (status)
                {
                    case LookupStatus.Found:
                        return value;
                    case LookupStatus.Cycle when substitution.Optional:
                        return null; // HOCON.md: a cycle counts as missing for ${?x}
                    case LookupStatus.Cycle:
                        throw new HoconCycleException(
                            $"cycle in substitutions: {string.Join(" -> ", _chain)} comes back to a value that is still being resolved",
                            substitution.Origin, candidate);
                    case LookupStatus.NoEarlierValue:
                        noEarlierValue = true;
                        break;
                }
            }

            var written = substitution.FallbackPath ?? substitution.Path;
            var variable = string.Join('.', written.Segments);
            if (_environment(variable) is { } text)
            {
                return new HoconScalar(HoconValueKind.String, text, HoconOrigin.External($"env {variable}"));
            }
            if (substitution.Optional)
            {
                return null;
            }
            var problem = noEarlierValue
                ? $"{substitution.Display} refers to '{written}' itself, and '{written}' has no earlier value (nor an environment variable '{variable}')"
                : $"unresolved substitution {substitution.Display}: there is no setting '{written}' and no environment variable '{variable}' (write ${{?{written}}} if it may be missing)";
            throw new HoconResolveException(problem, substitution.Origin, written);
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    private (LookupStatus Status, HoconValue? Value) Find(HoconPath path, Context context, Restriction? self)
    {
        if (context.HidesSomethingBelow(path))
        {
            // The whole of 'path' is wanted while one of its fields is being resolved: never finishes.
            return (LookupStatus.Cycle, null);
        }

        HoconNode node = _root;
        for (var i = 0; i < path.Count; i++)
        {
            if (node is HoconObjectNode obj)
            {
                if (!obj.TryGetField(path[i], out var child))
                {
                    return (LookupStatus.NotFound, null);
                }
                var prefix = path.Take(i + 1);
                var visible = Cut(child, prefix, context, out var hiddenBy);
                if (visible is null)
                {
                    var own = self is not null && ReferenceEquals(hiddenBy!.Layer, self.Layer);
                    return (own ? LookupStatus.NoEarlierValue : LookupStatus.Cycle, null);
                }
                node = visible;
            }
            else if (node.IsUnresolved)
            {
                // A substitution or merge on the way: resolve it whole, then walk the value.
                var resolved = ResolveNode(node, path.Take(i), context);
                return resolved is null ? (LookupStatus.NotFound, null) : Navigate(resolved, path.Skip(i));
            }
            else
            {
                return (LookupStatus.NotFound, null);
            }
        }
        var value = ResolveNode(node, path, context);
        return value is null ? (LookupStatus.NotFound, null) : (LookupStatus.Found, value);
    }

    private static (LookupStatus Status, HoconValue? Value) Navigate(HoconValue value, HoconPath rest)
    {
        foreach (var segment in rest.Segments)
        {
            if (value is not HoconObject obj || !obj.TryGetField(segment, out value))
            {
                return (LookupStatus.NotFound, null);
            }
        }
        return (LookupStatus.Found, value);
    }
}
