using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiimmfi.Host.Node;

/// <summary>
/// <c>node.json</c> in the data folder: which process serves this data folder now and where it listens. Written
/// once the node serves (a successor overwrites it after a smart restart), read by <c>wiimmfi restart</c>, the
/// watchdog and tools that start a node on free ports.
/// </summary>
public sealed record NodeStatusFile(int Pid, DateTimeOffset StartedAt, IReadOnlyDictionary<string, string> Endpoints)
{
    public const string FileName = "node.json";

    public static string PathIn(string dataFolder) => System.IO.Path.Combine(dataFolder, FileName);

    public void Write(string dataFolder)
    {
        var path = PathIn(dataFolder);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, NodeStatusJsonContext.Default.NodeStatusFile));
        File.Move(temporary, path, overwrite: true);
    }

    public static NodeStatusFile? TryRead(string dataFolder)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(PathIn(dataFolder)), NodeStatusJsonContext.Default.NodeStatusFile);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(NodeStatusFile))]
internal sealed partial class NodeStatusJsonContext : JsonSerializerContext;
