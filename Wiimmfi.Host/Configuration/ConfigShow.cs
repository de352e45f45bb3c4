using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Host.Configuration;

/// <summary>Output format of <c>config show</c>.</summary>
public enum ConfigShowFormat
{
    Hocon,
    Json,
}

/// <summary>One effective setting: its key, its (masked) value, where it was set, and its HOCON type when known.</summary>
public sealed record ConfigEntry(string Key, string? Value, string Origin, HoconValue? HoconValue)
{
    /// <summary>The key as a HOCON path: <c>wiimmfi.gpcm.port</c>.</summary>
    public string Path => HoconPath.FromSegments(Key.Split(ConfigurationPath.KeyDelimiter)).ToString();
}

/// <summary>
/// Renders a node's effective configuration for operators (<c>wiimmfi config show</c>): every setting with
/// its value and the place it was set (file:line, env, command line), secrets masked (<see cref="SecretSettings"/>),
/// as HOCON (origins as comments) or JSON (<c>{"configuration": …, "sources": …}</c>). With <c>strict</c>
/// it also lists problems: settings the reference file does not know (usually a typo), values that do
/// not convert to their type, and combinations <see cref="WiimmfiOptions.Validate"/> refuses.
/// </summary>
public static partial class ConfigShow
{
    public static string Render(IConfigurationRoot configuration, ConfigShowFormat format = ConfigShowFormat.Hocon, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var entries = Collect(configuration);
        var problems = strict ? FindProblems(configuration) : null;
        return format == ConfigShowFormat.Json ? RenderJson(entries, problems) : RenderHocon(entries, problems);
    }

    /// <summary>Every effective leaf setting, sorted by key, values masked.</summary>
    public static IReadOnlyList<ConfigEntry> Collect(IConfigurationRoot configuration)
    {
        var reference = configuration.GetReferenceSettings();
        var entries = new List<ConfigEntry>();
        foreach (var (key, _) in configuration.AsEnumerable())
        {
            if (configuration.GetSection(key).GetChildren().Any())
            {
                continue; // a section, not a value
            }
            var provider = configuration.GetValueProvider(key);
            HoconValue? typed = null;
            if (provider is HoconConfigurationProvider hocon && hocon.TryGetHoconValue(key, out var value))
            {
                typed = value;
            }
            var displayKey = reference is not null && reference.TryGetCanonicalKey(key, out var canonical) ? canonical : key;
            entries.Add(new ConfigEntry(displayKey, SecretSettings.MaskValue(key, configuration[key]),
                configuration.GetValueOrigin(key) ?? "?", typed));
        }
        entries.Sort((a, b) => ConfigurationKeyComparer.Instance.Compare(a.Key, b.Key));
        return entries;
    }

    /// <summary>Settings the reference file (hocon/wiimmfi.conf) does not define.</summary>
    public static IReadOnlyList<ConfigEntry> FindUnknownSettings(IConfigurationRoot configuration)
    {
        var reference = configuration.GetReferenceSettings();
        return reference is null ? [] : Collect(configuration).Where(e => !reference.IsKnown(e.Key)).ToList();
    }

    /// <summary>What <c>--strict</c> reports: unknown settings, values that do not bind, invalid combinations.</summary>
    public static IReadOnlyList<string> FindProblems(IConfigurationRoot configuration)
    {
        var problems = new List<string>();
        var reference = configuration.GetReferenceSettings();
        foreach (var entry in FindUnknownSettings(configuration))
        {
            var hint = reference is null ? null : ClosestKnownKey(entry.Key, reference);
            problems.Add($"unknown setting {entry.Path} ({entry.Origin})" +
                (hint is null ? "" : $"; did you mean {HoconPath.FromSegments(hint.Split(':'))}?"));
        }
        try
        {
            problems.AddRange(NodeConfiguration.BindOptions(configuration).Validate());
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key (spelt with property names) and stops at the first bad value; its
            // inner exception says what is wrong with that value.
            if (BinderKey().Match(e.Message) is { Success: true } match && e.InnerException is { } inner)
            {
                var key = match.Groups["key"].Value;
                var shown = reference is not null && reference.TryGetCanonicalKey(key, out var canonical) ? canonical : key.ToLowerInvariant();
                var origin = configuration.GetValueOrigin(key);
                problems.Add($"{HoconPath.FromSegments(shown.Split(':'))}: {inner.Message}" + (origin is null ? "" : $" ({origin})"));
            }
            else
            {
                problems.Add(e.Message + (e.InnerException is { } other ? " " + other.Message : ""));
            }
        }
        return problems;
    }

    [GeneratedRegex("at '(?<key>[^']+)' to type")]
    private static partial Regex BinderKey();

    private static string? ClosestKnownKey(string key, ReferenceSettings reference)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var known in reference.Keys)
        {
            var distance = EditDistance(key.ToLowerInvariant(), known.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = known;
            }
        }
        // A hint is only useful for a slip of the keyboard, not for a different setting altogether.
        return bestDistance <= 3 ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The flat keys as a tree, children in key order; a node whose children are 0..n-1 is a list.</summary>
    private sealed class Node
    {
        public List<(string Name, Node Child)> Children { get; } = [];

        public ConfigEntry? Entry { get; set; }

        public Node Child(string name)
        {
            foreach (var (existing, child) in Children)
            {
                if (string.Equals(existing, name, StringComparison.OrdinalIgnoreCase))
                {
                    return child;
                }
            }
            var node = new Node();
            Children.Add((name, node));
            return node;
        }

        public bool IsList
        {
            get
            {
                if (Children.Count == 0)
                {
                    return false;
                }
                for (var i = 0; i < Children.Count; i++)
                {
                    if (Children[i].Name != i.ToString(CultureInfo.InvariantCulture))
                    {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    private static Node BuildTree(IReadOnlyList<ConfigEntry> entries)
    {
        var root = new Node();
        foreach (var entry in entries)
        {
            var node = root;
            foreach (var segment in entry.Key.Split(ConfigurationPath.KeyDelimiter))
            {
                node = node.Child(segment);
            }
            node.Entry = entry;
        }
        return root;
    }

    private static string RenderHocon(IReadOnlyList<ConfigEntry> entries, IReadOnlyList<string>? problems)
    {
        var text = new StringBuilder();
        text.AppendLine("# Effective configuration of this node: each value is followed by where it was set.");
        text.AppendLine("# Secrets are masked.");
        var root = BuildTree(entries);
        foreach (var (name, child) in root.Children)
        {
            WriteHoconField(text, name, child, 0);
        }
        if (problems is not null)
        {
            text.AppendLine();
            text.AppendLine(problems.Count == 0
                ? "# --strict: no problems found."
                : $"# --strict: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
            foreach (var problem in problems)
            {
                text.Append("#   ").AppendLine(problem);
            }
        }
        return text.ToString();
    }

    private static void WriteHoconField(StringBuilder text, string name, Node node, int depth)
    {
        Indent(text, depth);
        text.Append(HoconLexer.NeedsQuotesInPath(name) ? HoconText.Quote(name) : name);
        if (node.Entry is { } entry)
        {
            text.Append(" = ").Append(HoconValueText(entry)).Append("  # ").AppendLine(entry.Origin);
        }
        else if (node.IsList)
        {
            text.AppendLine(" = [");
            foreach (var (_, element) in node.Children)
            {
                WriteHoconElement(text, element, depth + 1);
            }
            Indent(text, depth);
            text.AppendLine("]");
        }
        else
        {
            text.AppendLine(" {");
            foreach (var (childName, child) in node.Children)
            {
                WriteHoconField(text, childName, child, depth + 1);
            }
            Indent(text, depth);
            text.AppendLine("}");
        }
    }

    private static void WriteHoconElement(StringBuilder text, Node node, int depth)
    {
        Indent(text, depth);
        if (node.Entry is { } entry)
        {
            text.Append(HoconValueText(entry)).Append("  # ").AppendLine(entry.Origin);
        }
        else if (node.IsList)
        {
            text.AppendLine("[");
            foreach (var (_, element) in node.Children)
            {
                WriteHoconElement(text, element, depth + 1);
            }
            Indent(text, depth);
            text.AppendLine("]");
        }
        else
        {
            text.AppendLine("{");
            foreach (var (childName, child) in node.Children)
            {
                WriteHoconField(text, childName, child, depth + 1);
            }
            Indent(text, depth);
            text.AppendLine("}");
        }
    }

    private static void Indent(StringBuilder text, int depth) => text.Append(' ', depth * 2);

    private static string HoconValueText(ConfigEntry entry)
    {
        if (entry.Value is null)
        {
            return entry.HoconValue?.Kind switch
            {
                HoconValueKind.Array => "[]",
                HoconValueKind.Object => "{}",
                _ => "null",
            };
        }
        var typedUnquoted = entry.HoconValue is HoconScalar { Kind: HoconValueKind.Number or HoconValueKind.Boolean } scalar
            && scalar.Text == entry.Value;
        return typedUnquoted ? entry.Value : HoconText.Quote(entry.Value);
    }

    private static string RenderJson(IReadOnlyList<ConfigEntry> entries, IReadOnlyList<string>? problems)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WritePropertyName("configuration");
            WriteJsonObject(json, BuildTree(entries));
            json.WriteStartObject("sources");
            foreach (var entry in entries)
            {
                json.WriteString(entry.Path, entry.Origin);
            }
            json.WriteEndObject();
            if (problems is not null)
            {
                json.WriteStartArray("problems");
                foreach (var problem in problems)
                {
                    json.WriteStringValue(problem);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static void WriteJsonNode(Utf8JsonWriter json, Node node)
    {
        if (node.Entry is { } entry)
        {
            WriteJsonValue(json, entry);
        }
        else if (node.IsList)
        {
            json.WriteStartArray();
            foreach (var (_, element) in node.Children)
            {
                WriteJsonNode(json, element);
            }
            json.WriteEndArray();
        }
        else
        {
            WriteJsonObject(json, node);
        }
    }

    private static void WriteJsonObject(Utf8JsonWriter json, Node node)
    {
        json.WriteStartObject();
        foreach (var (name, child) in node.Children)
        {
            json.WritePropertyName(name);
            WriteJsonNode(json, child);
        }
        json.WriteEndObject();
    }

    private static void WriteJsonValue(Utf8JsonWriter json, ConfigEntry entry)
    {
        if (entry.Value is null)
        {
            switch (entry.HoconValue?.Kind)
            {
                case HoconValueKind.Array:
                    json.WriteStartArray();
                    json.WriteEndArray();
                    break;
                case HoconValueKind.Object:
                    json.WriteStartObject();
                    json.WriteEndObject();
                    break;
                default:
                    json.WriteNullValue();
                    break;
            }
            return;
        }
        switch (entry.HoconValue)
        {
            case HoconScalar { Kind: HoconValueKind.Number } number when number.Text == entry.Value && JsonNumber().IsMatch(entry.Value):
                json.WriteRawValue(entry.Value);
                break;
            case HoconScalar { Kind: HoconValueKind.Boolean } flag when flag.Text == entry.Value:
                json.WriteBooleanValue(entry.Value == "true");
                break;
            default:
                json.WriteStringValue(entry.Value);
                break;
        }
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
