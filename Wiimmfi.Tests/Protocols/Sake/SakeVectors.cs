using System.Text.Json;

namespace Wiimmfi.Tests.Protocols.Sake;

/// <summary>Loads <c>Vectors/sake_soap_examples.json</c> at test time.</summary>
internal static class SakeVectors
{
    private static readonly Lazy<Dictionary<string, string>> Bodies = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "sake_soap_examples.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("vectors").EnumerateArray().ToDictionary(
            v => v.GetProperty("name").GetString()!,
            v => v.GetProperty("expected").GetProperty("body").GetString()!);
    });

    public static TheoryData<string> Names => new(Bodies.Value.Keys);

    public static string Body(string name) => Bodies.Value[name];
}
