using System.Text.Json;

namespace Wiimmfi.Tests.Protocols.NatNeg;

/// <summary>Loads <c>Vectors/natneg_packets.json</c> (the fact sheet's known answers) at test time.</summary>
internal static class NatNegVectors
{
    private static readonly Lazy<JsonElement[]> All = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "natneg_packets.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.Clone()).ToArray();
    });

    public static JsonElement Get(string name) => All.Value.Single(v => v.GetProperty("name").GetString() == name);

    /// <summary>Names of vectors that carry a captured packet and its decoded fields.</summary>
    public static string[] DecodedNames() => NamesWith("decoded");

    /// <summary>Names of vectors that pair a request with the server's expected reply.</summary>
    public static string[] ReplyNames() => NamesWith("expected_reply_hex");

    public static TheoryData<string> AsTheoryData(IEnumerable<string> names) => new(names);

    private static string[] NamesWith(string property) =>
        All.Value.Where(v => v.TryGetProperty(property, out _)).Select(v => v.GetProperty("name").GetString()!).ToArray();

    public static int Count => All.Value.Length;
}
