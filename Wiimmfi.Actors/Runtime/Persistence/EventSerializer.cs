using System.Text.Json;
using System.Text.Json.Nodes;
using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// Turns events and snapshots into (wire name, JSON) and back, through the runtime's
/// <see cref="MessageSerializer"/> — so a stored row names its type by its frozen
/// <see cref="WireNameAttribute"/> name, never by a CLR type name — with
/// <see cref="IEventUpcaster"/>s in front of reading, for stored shapes that no current type reads.
///
/// <para><b>Evolution rules</b> (a newer build must read every event an older one wrote):</para>
/// <list type="number">
/// <item>Add members only as optional: a constructor parameter with a default (<c>int Rating = 1000</c>) or a
/// nullable one. Old JSON lacks it and gets the default; an older build ignores a member it does not know.</item>
/// <item>Never rename or reuse a wire name, and never rename a member (the JSON key is its camelCase name)
/// or change its type in place.</item>
/// <item>For any other change, give the new shape a new wire name (<c>room.player-joined.v2</c>), keep the old
/// name out of use, and register an <see cref="IEventUpcaster"/> that rewrites the old JSON into the new.</item>
/// </list>
/// </summary>
public sealed class EventSerializer
{
    private readonly Dictionary<string, IEventUpcaster> _upcasters;

    public EventSerializer(MessageSerializer messages, IEnumerable<IEventUpcaster>? upcasters = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Messages = messages;
        _upcasters = new Dictionary<string, IEventUpcaster>(StringComparer.Ordinal);
        foreach (var upcaster in upcasters ?? [])
        {
            if (!_upcasters.TryAdd(upcaster.Manifest, upcaster))
                throw new InvalidOperationException($"Two upcasters read the stored wire name [{upcaster.Manifest}].");
        }
    }

    /// <summary>The message serializer underneath (its registry decides which wire names exist).</summary>
    public MessageSerializer Messages { get; }

    /// <summary>The wire name and JSON of an event or snapshot.</summary>
    /// <exception cref="MessageSerializationException">The type has no wire name, or a member cannot be written.</exception>
    public SerializedMessage Serialize(object value) => Serialize(value, large: false);

    /// <summary>The wire name and JSON of a snapshot, which may be large (see <see cref="MessageSerializer.SerializeLarge"/>).</summary>
    /// <exception cref="MessageSerializationException">The type has no wire name, or a member cannot be written.</exception>
    public SerializedMessage SerializeSnapshot(object value) => Serialize(value, large: true);

    private SerializedMessage Serialize(object value, bool large)
    {
        try
        {
            return large ? Messages.SerializeLarge(value) : Messages.Serialize(value);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new MessageSerializationException($"{value.GetType().Name} cannot be written as JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads a stored event or snapshot, upcasting an old shape first.</summary>
    /// <exception cref="MessageSerializationException">Unknown wire name (and no upcaster), or JSON that does not fit.</exception>
    public object Deserialize(string manifest, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(payload);
        if (_upcasters.Count == 0 || !_upcasters.ContainsKey(manifest)) return Messages.FromBinary(payload, manifest);
        return Upcast(manifest, payload);
    }

    private object Upcast(string manifest, byte[] payload)
    {
        JsonNode json;
        try
        {
            json = JsonNode.Parse(payload) ?? throw new MessageSerializationException($"The stored payload of [{manifest}] is null.");
        }
        catch (JsonException e)
        {
            throw new MessageSerializationException($"The stored payload of [{manifest}] is not valid JSON: {e.Message}", e);
        }
        var stored = new StoredJson(manifest, json);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        // Each upcaster runs at most once, so a chain v1 → v2 → v3 ends and a cycle cannot loop.
        while (_upcasters.TryGetValue(stored.Manifest, out var upcaster) && applied.Add(stored.Manifest))
        {
            stored = upcaster.Upcast(stored) ?? throw new MessageSerializationException($"The upcaster of [{stored.Manifest}] returned nothing.");
        }
        return Messages.FromBinary(JsonSerializer.SerializeToUtf8Bytes(stored.Payload), stored.Manifest);
    }
}

/// <summary>A stored payload as JSON with its wire name: what an <see cref="IEventUpcaster"/> reads and returns.</summary>
public sealed record StoredJson(string Manifest, JsonNode Payload);

/// <summary>
/// Rewrites the stored JSON of an old event (or snapshot) shape into a current one, before it is read
/// (Akka's event adapter, working on JSON so the old class need not be kept). Register upcasters when
/// the persistence extension starts. Member names in the JSON are camelCase.
/// </summary>
/// <example>
/// <code>
/// // v1 stored "status" as text; v2 (a new wire name) has a numeric code.
/// sealed class StatusChangedV1Upcaster : IEventUpcaster
/// {
///     public string Manifest => "session.status-changed";
///     public StoredJson Upcast(StoredJson stored)
///     {
///         var json = stored.Payload.AsObject();
///         json["statusCode"] = json["status"]!.GetValue&lt;string&gt;() == "online" ? 1 : 0;
///         json.Remove("status");
///         return new StoredJson("session.status-changed.v2", json);
///     }
/// }
/// </code>
/// </example>
public interface IEventUpcaster
{
    /// <summary>The stored wire name this upcaster reads.</summary>
    string Manifest { get; }

    /// <summary>
    /// The same data in a current shape: a wire name that some type carries (or another upcaster
    /// reads) and its JSON. May change <paramref name="stored"/>'s payload in place.
    /// </summary>
    StoredJson Upcast(StoredJson stored);
}
