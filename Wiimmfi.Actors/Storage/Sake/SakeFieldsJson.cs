using System.Buffers;
using System.Text.Json;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// The stored form of a record's values: a JSON object <c>{"name": [type id, "wire text"], …}</c>. One column
/// holds any table's fields (SAKE tables are schemaless unless a rule hardens them), both dialects can look a
/// field up inside it (SQLite <c>json_extract</c>, PostgreSQL <c>-&gt;</c>), and the text is served back exactly
/// as the console sent it.
/// </summary>
internal static class SakeFieldsJson
{
    public static string Write(IReadOnlyDictionary<string, SakeValue> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WriteStartArray(name);
                writer.WriteNumberValue((int)value.Type);
                writer.WriteStringValue(value.Text);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads stored fields. Values were validated when written; they are checked again with generous limits (a
    /// value the current limits would refuse is still served), and an unreadable entry is skipped rather than
    /// failing the whole read.
    /// </summary>
    public static Dictionary<string, SakeValue> Read(string json)
    {
        var fields = new Dictionary<string, SakeValue>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var entry = property.Value;
            if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() != 2
                || !entry[0].TryGetInt32(out var typeId) || !Enum.IsDefined((SakeFieldType)typeId)
                || entry[1].ValueKind != JsonValueKind.String)
            {
                continue;
            }
            if (SakeValue.TryParse((SakeFieldType)typeId, entry[1].GetString()!, StoredValueLimits, out var value, out _))
            {
                fields[property.Name] = value;
            }
        }
        return fields;
    }

    // Reading back must never refuse what an earlier, more generous configuration stored.
    private static readonly SakeLimits StoredValueLimits = SakeLimits.Default with { MaxValueLength = 1 << 20 };
}
