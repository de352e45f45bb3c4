using System.Text.Json;

namespace Wiimmfi.Tests.Protocols.Common;

/// <summary>Loads the fact sheets' known-answer files copied next to the tests.</summary>
internal static class VectorFile
{
    public static JsonElement Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>The elements of <paramref name="arrayName"/> in vector file <paramref name="name"/>.</summary>
    public static JsonElement[] Items(string name, string arrayName = "vectors") =>
        Load(name).GetProperty(arrayName).EnumerateArray().ToArray();

    /// <summary>Theory rows: one per element, labelled "index: label" so a failure names its vector.</summary>
    public static TheoryData<int, string> Rows(string name, Func<JsonElement, string> label, string arrayName = "vectors")
    {
        var data = new TheoryData<int, string>();
        var items = Items(name, arrayName);
        for (var i = 0; i < items.Length; i++)
        {
            data.Add(i, label(items[i]));
        }

        return data;
    }

    public static string? OptionalString(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
