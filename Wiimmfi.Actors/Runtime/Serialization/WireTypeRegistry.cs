using System.Reflection;

namespace Wiimmfi.Actors.Runtime.Serialization;

/// <summary>
/// The two-way map between wire names and message types. Built from <see cref="WireNameAttribute"/>s
/// of the given assemblies and from explicit registrations; a name or a type registered twice is an
/// error at start-up, not a surprise on the wire. Immutable once built.
/// </summary>
public sealed class WireTypeRegistry
{
    // Names of the few non-message values a message may carry in an object-typed member.
    internal static readonly IReadOnlyDictionary<string, Type> BuiltIns = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["sys.string"] = typeof(string),
        ["sys.int32"] = typeof(int),
        ["sys.int64"] = typeof(long),
        ["sys.bool"] = typeof(bool),
        ["sys.double"] = typeof(double),
        ["sys.bytes"] = typeof(byte[]),
        ["sys.guid"] = typeof(Guid),
    };

    private readonly Dictionary<string, Type> _types;
    private readonly Dictionary<Type, string> _names;

    private WireTypeRegistry(Dictionary<string, Type> types)
    {
        _types = types;
        _names = types.ToDictionary(kv => kv.Value, kv => kv.Key);
    }

    /// <summary>Every registered name and its type.</summary>
    public IReadOnlyDictionary<string, Type> Types => _types;

    /// <summary>The registry of every <see cref="WireNameAttribute"/> in the Wiimmfi.Actors assembly.</summary>
    public static WireTypeRegistry Default { get; } = FromAssemblies(typeof(WireTypeRegistry).Assembly);

    /// <summary>Scans assemblies for <see cref="WireNameAttribute"/>; <paramref name="extra"/> adds explicit (name, type) pairs.</summary>
    public static WireTypeRegistry FromAssemblies(IEnumerable<Assembly> assemblies, IEnumerable<KeyValuePair<string, Type>>? extra = null)
    {
        var types = new Dictionary<string, Type>(BuiltIns, StringComparer.Ordinal);
        foreach (var assembly in assemblies.Distinct())
            foreach (var type in assembly.GetTypes())
                if (type.GetCustomAttribute<WireNameAttribute>() is { } attribute) Add(types, attribute.Name, type);
        if (extra is not null)
            foreach (var (name, type) in extra) Add(types, name, type);
        return new WireTypeRegistry(types);
    }

    public static WireTypeRegistry FromAssemblies(params Assembly[] assemblies) => FromAssemblies((IEnumerable<Assembly>)assemblies);

    private static void Add(Dictionary<string, Type> types, string name, Type type)
    {
        if (types.TryGetValue(name, out var existing) && existing != type)
            throw new InvalidOperationException($"Wire name [{name}] is used by both {existing.FullName} and {type.FullName}.");
        foreach (var (otherName, otherType) in types)
            if (otherType == type && otherName != name)
                throw new InvalidOperationException($"Type {type.FullName} has two wire names: [{otherName}] and [{name}].");
        types[name] = type;
    }

    public bool TryGetType(string name, out Type type) => _types.TryGetValue(name, out type!);

    public bool TryGetName(Type type, out string name) => _names.TryGetValue(type, out name!);
}
