using System.Globalization;
using System.Text;
using System.Text.Json;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>Parsing helpers and a canonical JSON form for comparing trees.</summary>
internal static class Hocon
{
    /// <summary>Parses and resolves text with an empty environment (tests never depend on the machine's).</summary>
    public static HoconObject Parse(string text, IReadOnlyDictionary<string, string?>? environment = null, string? includeDirectory = null) =>
        HoconLoader.ParseString(text, new HoconLoadOptions { Environment = environment ?? new Dictionary<string, string?>() }, "test.conf", includeDirectory);

    public static HoconLoadOptions NoEnvironment { get; } = new() { Environment = new Dictionary<string, string?>() };

    /// <summary>Canonical JSON: object keys sorted, numbers normalised, so equal trees give equal text.</summary>
    public static string Canonical(HoconValue value)
    {
        var text = new StringBuilder();
        Write(text, value);
        return text.ToString();
    }

    /// <summary>The same canonical form for a JSON document.</summary>
    public static string CanonicalJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder();
        Write(text, document.RootElement);
        return text.ToString();
    }

    public static string CanonicalOf(string hocon) => Canonical(Parse(hocon));

    private static void Write(StringBuilder text, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
                text.Append('{');
                var first = true;
                foreach (var key in obj.Keys.OrderBy(k => k, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        text.Append(',');
                    }
                    first = false;
                    text.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(text, obj[key]);
                }
                text.Append('}');
                break;
            case HoconArray array:
                text.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }
                    Write(text, array.Items[i]);
                }
                text.Append(']');
                break;
            case HoconScalar { Kind: HoconValueKind.Number } number:
                text.Append(Number(number.Text!));
                break;
            case HoconScalar { Kind: HoconValueKind.Boolean } flag:
                text.Append(flag.Text);
                break;
            case HoconScalar { Kind: HoconValueKind.Null }:
                text.Append("null");
                break;
            case HoconScalar scalar:
                text.Append(JsonSerializer.Serialize(scalar.Text));
                break;
        }
    }

    private static void Write(StringBuilder text, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        text.Append(',');
                    }
                    first = false;
                    text.Append(JsonSerializer.Serialize(property.Name)).Append(':');
                    Write(text, property.Value);
                }
                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                    {
                        text.Append(',');
                    }
                    Write(text, item);
                }
                text.Append(']');
                break;
            case JsonValueKind.Number:
                text.Append(Number(element.GetRawText()));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            default:
                text.Append(JsonSerializer.Serialize(element.GetString()));
                break;
        }
    }

    private static string Number(string text) =>
        double.Parse(text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A temporary folder of configuration files, deleted afterwards.</summary>
internal sealed class TempConfigFolder : IDisposable
{
    public TempConfigFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wiimmfi-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes a file (UTF-8, no BOM) and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new UTF8Encoding(false));
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
