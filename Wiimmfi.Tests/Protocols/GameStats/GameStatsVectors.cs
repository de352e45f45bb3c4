using System.Text.Json;

namespace Wiimmfi.Tests.Protocols.GameStats;

/// <summary>Loads <c>Vectors/gamestats.json</c> at test time.</summary>
internal static class GameStatsVectors
{
    private static readonly Lazy<JsonElement[]> All = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "gamestats.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.Clone()).ToArray();
    });

    public static JsonElement Get(string name) => All.Value.Single(v => v.GetProperty("name").GetString() == name);

    public static int Count => All.Value.Length;
}
