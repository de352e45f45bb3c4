using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// Loads a <see cref="HoconConfigurationSource"/>: parses and resolves the files, then flattens the tree
/// into configuration keys, remembering for each key the value's type and the file and line it was set
/// on. A malformed file throws <see cref="HoconException"/> from <see cref="Load"/>, which stops
/// <c>ConfigurationBuilder.Build()</c> with a message naming file, line and column.
/// </summary>
public sealed class HoconConfigurationProvider : ConfigurationProvider, IConfigurationValueOrigins
{
    private readonly HoconConfigurationSource _source;
    private Dictionary<string, HoconValue> _leaves = new(StringComparer.OrdinalIgnoreCase);

    public HoconConfigurationProvider(HoconConfigurationSource source) => _source = source;

    /// <summary>The resolved tree after <see cref="Load"/>.</summary>
    public HoconObject? Root { get; private set; }

    /// <summary>The settings the reference file defines (null when there is no reference file).</summary>
    public ReferenceSettings? Reference { get; private set; }

    public override void Load()
    {
        var files = new List<string>();
        if (_source.ReferencePath is { } reference)
        {
            files.Add(reference);
        }
        if (_source.Path is { } path)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (!_source.Optional)
            {
                throw new HoconException($"configuration file not found: {path}");
            }
        }

        var options = new HoconLoadOptions { Environment = _source.Environment };
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var leaves = new Dictionary<string, HoconValue>(StringComparer.OrdinalIgnoreCase);
        if (files.Count > 0)
        {
            Root = HoconLoader.LoadFiles(files, options);
            Flatten(Root, "", data, leaves);
        }
        Reference = _source.ReferencePath is { } referencePath
            ? ReferenceSettings.FromTree(HoconLoader.LoadFile(referencePath, options), referencePath)
            : null;
        Data = data;
        _leaves = leaves;
    }

    /// <summary>The typed value behind a key (for rendering numbers and booleans unquoted).</summary>
    public bool TryGetHoconValue(string key, [NotNullWhen(true)] out HoconValue? value) => _leaves.TryGetValue(key, out value);

    public bool TryGetOrigin(string key, [NotNullWhen(true)] out string? origin)
    {
        if (_leaves.TryGetValue(key, out var value))
        {
            origin = Describe(value.Origin);
            return true;
        }
        origin = null;
        return false;
    }

    public override string ToString() =>
        $"HOCON {string.Join(" + ", new[] { _source.ReferencePath, _source.Path }.OfType<string>())}";

    /// <summary><c>file:line</c>, with the file relative to the working directory when it lies under it.</summary>
    internal static string Describe(HoconOrigin origin)
    {
        if (!origin.IsFilePosition)
        {
            return origin.Source;
        }
        var file = origin.Source;
        try
        {
            var relative = System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !System.IO.Path.IsPathRooted(relative))
            {
                file = relative;
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            // Keep the path as given.
        }
        return $"{file}:{origin.Line}";
    }

    internal static void Flatten(HoconValue value, string key, Dictionary<string, string?> data, Dictionary<string, HoconValue> leaves)
    {
        switch (value)
        {
            case HoconObject { Count: > 0 } obj:
                foreach (var name in obj.Keys)
                {
                    Flatten(obj[name], key.Length == 0 ? name : key + ConfigurationPath.KeyDelimiter + name, data, leaves);
                }
                break;
            case HoconArray { Items.Count: > 0 } array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Flatten(array.Items[i], key + ConfigurationPath.KeyDelimiter + i.ToString(CultureInfo.InvariantCulture), data, leaves);
                }
                break;
            default:
                if (key.Length == 0)
                {
                    return; // an empty root
                }
                // Empty objects and arrays have no configuration keys of their own; they appear as a null
                // value, as the JSON provider does, so that config show still lists them.
                data[key] = value is HoconScalar scalar ? scalar.Text : null;
                leaves[key] = value;
                break;
        }
    }
}
