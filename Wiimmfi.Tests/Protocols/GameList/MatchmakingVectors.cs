using System.Text.Json;

namespace Wiimmfi.Tests.Protocols;

/// <summary>
/// Loads the known-answer vectors of the matchmaking fact sheets (copied next to the tests as
/// <c>Vectors/&lt;name&gt;.json</c>) and finds repository files such as <c>gamelist/games.tsv</c>.
/// </summary>
internal static class MatchmakingVectors
{
    public static JsonElement Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Vectors", name + ".json");
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }

    /// <summary>Every element of <c>root[arrayName]</c>, as xunit theory rows keyed by a readable label.</summary>
    public static IEnumerable<object[]> Rows(string file, string arrayName, Func<JsonElement, int, string> label)
    {
        var root = Load(file);
        int index = 0;
        foreach (var element in root.GetProperty(arrayName).EnumerateArray())
        {
            yield return [label(element, index), index];
            index++;
        }
    }

    public static JsonElement Element(string file, string arrayName, int index) =>
        Load(file).GetProperty(arrayName)[index];

    public static byte[] Hex(JsonElement element, string property) =>
        Convert.FromHexString(element.GetProperty(property).GetString()!);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>The repository root: the nearest parent of the test binaries that holds Wiimmfi.sln.</summary>
    public static string RepositoryFile(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Wiimmfi.sln")))
            directory = directory.Parent;
        if (directory is null)
            throw new InvalidOperationException("Wiimmfi.sln not found above " + AppContext.BaseDirectory);
        return Path.Combine([directory.FullName, .. parts]);
    }

    /// <summary>a.b.c.d → the address as a big-endian u32 (first octet in the high byte).</summary>
    public static uint Ip(string dotted) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(System.Net.IPAddress.Parse(dotted).GetAddressBytes());
}
