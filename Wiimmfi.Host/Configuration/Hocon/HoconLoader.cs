namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>Options for reading HOCON.</summary>
public sealed class HoconLoadOptions
{
    /// <summary>
    /// Environment variables for <c>${VAR}</c> fallbacks; null reads the process environment. Tests pass
    /// their own so they do not depend on the machine.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    internal Func<string, string?> EnvironmentLookup =>
        Environment is { } variables
            ? name => variables.TryGetValue(name, out var value) ? value : null
            : System.Environment.GetEnvironmentVariable;
}

/// <summary>
/// Reads HOCON files or text into a resolved <see cref="HoconObject"/>. Several files are merged in order
/// (a later file's keys win, objects merge) before substitutions are resolved, so a substitution in the
/// first file sees values set in the last — the way Akka layers application.conf over reference.conf.
/// </summary>
public static class HoconLoader
{
    public static HoconObject ParseString(string text, HoconLoadOptions? options = null, string source = "<text>", string? includeDirectory = null)
    {
        var includer = new HoconIncluder();
        var root = includer.ParseText(text, source, includeDirectory ?? Directory.GetCurrentDirectory());
        return Resolve(root, options);
    }

    public static HoconObject LoadFile(string path, HoconLoadOptions? options = null) => LoadFiles([path], options);

    /// <summary>Loads and merges the files in order (later wins), then resolves substitutions once over the result.</summary>
    public static HoconObject LoadFiles(IEnumerable<string> paths, HoconLoadOptions? options = null)
    {
        var includer = new HoconIncluder();
        HoconObjectNode? root = null;
        foreach (var path in paths)
        {
            var file = includer.ParseFile(path);
            if (root is null)
            {
                root = file;
            }
            else
            {
                root.MergeFrom(file);
            }
        }
        return Resolve(root ?? new HoconObjectNode(HoconOrigin.External("<empty>")), options);
    }

    private static HoconObject Resolve(HoconObjectNode root, HoconLoadOptions? options) =>
        new HoconResolver(root, (options ?? new HoconLoadOptions()).EnvironmentLookup).Resolve();
}
