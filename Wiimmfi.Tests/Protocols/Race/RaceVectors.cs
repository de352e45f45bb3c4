using System.Text.Json;

namespace Wiimmfi.Tests.Protocols.Race;

/// <summary>Loads <c>Vectors/race_examples.json</c> at test time.</summary>
internal static class RaceVectors
{
    private static readonly Lazy<JsonElement[]> All = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "race_examples.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.Clone()).ToArray();
    });

    public static TheoryData<string> Names => new(All.Value.Select(v => v.GetProperty("name").GetString()!));

    public static JsonElement Get(string name) => All.Value.Single(v => v.GetProperty("name").GetString() == name);

    public static string Body(string name) => Get(name).GetProperty("expected").GetProperty("body").GetString()!;
}
