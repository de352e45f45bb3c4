using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiimmfi.Actors.Runtime.Serialization;

/// <summary>
/// Turns messages into bytes and back for the cluster transport and the journal: System.Text.Json
/// payloads identified by an explicit <em>manifest</em> — the message's <see cref="WireNameAttribute"/>
/// name — as Akka's <c>SerializerWithStringManifest</c>. Bytes never name a CLR type: a manifest that
/// is not registered is refused with <see cref="MessageSerializationException"/>.
///
/// <para>Inside a message, an <see cref="IActorRef"/> is written as its path string (with uid) and
/// read back through <see cref="ActorSystem.ResolveActorRef(string)"/>; a member declared as
/// <c>object</c> (an envelope's payload) is written as <c>{"$type": wire name, "value": …}</c> and must
/// hold a registered type or one of the few built-in values (string, numbers, bool, bytes, Guid).</para>
/// </summary>
public sealed class MessageSerializer
{
    /// <summary>The serializer id stored next to each journal row and transport frame (Akka reserves 0–40).</summary>
    public const int Identifier = 100;

    private readonly JsonSerializerOptions _options;

    public MessageSerializer(WireTypeRegistry registry, ActorSystem? system = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        _options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Bounds what one message may nest; deeper input is refused rather than recursed into.
            MaxDepth = 32,
            Converters = { new ActorRefConverter(system), new WireObjectConverter(registry), new JsonStringEnumConverter() },
        };
    }

    /// <summary>A serializer over <see cref="WireTypeRegistry.Default"/> bound to <paramref name="system"/> (for actor references).</summary>
    public static MessageSerializer Create(ActorSystem system) => new(WireTypeRegistry.Default, system);

    public WireTypeRegistry Registry { get; }

    /// <summary>The wire name of a message.</summary>
    public string Manifest(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Registry.TryGetName(message.GetType(), out var name)
            ? name
            : throw new MessageSerializationException($"{message.GetType().FullName} has no wire name; add [WireName(\"…\")] to send or store it.");
    }

    public byte[] ToBinary(object message)
    {
        _ = Manifest(message);
        return JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), _options);
    }

    /// <summary>Reads a message of the type registered under <paramref name="manifest"/>.</summary>
    public object FromBinary(ReadOnlySpan<byte> payload, string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!Registry.TryGetType(manifest, out var type))
            throw new MessageSerializationException($"Unknown message type name [{manifest}].");
        try
        {
            return JsonSerializer.Deserialize(payload, type, _options)
                ?? throw new MessageSerializationException($"The payload of [{manifest}] is null.");
        }
        catch (JsonException e)
        {
            throw new MessageSerializationException($"The payload of [{manifest}] is not valid: {e.Message}", e);
        }
    }

    /// <summary>Manifest and bytes together.</summary>
    public SerializedMessage Serialize(object message) => new(Manifest(message), ToBinary(message));

    /// <summary>
    /// Like <see cref="Serialize"/>, for payloads that may run to megabytes (a snapshot of a large table): written
    /// through a stream, so the serializer's pooled buffers stay small. <c>SerializeToUtf8Bytes</c> rents a buffer as
    /// large as the payload from the shared array pool, and the pool keeps it — megabytes per thread that
    /// serialized one — long after the snapshot was written.
    /// </summary>
    public SerializedMessage SerializeLarge(object message)
    {
        var manifest = Manifest(message);
        using var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, message, message.GetType(), _options);
        return new(manifest, stream.ToArray());
    }

    public object Deserialize(SerializedMessage message) => FromBinary(message.Payload, message.Manifest);

    private sealed class ActorRefConverter(ActorSystem? system) : JsonConverter<IActorRef>
    {
        private const string NobodyName = "nobody";

        public override bool CanConvert(Type typeToConvert) => typeof(IActorRef).IsAssignableFrom(typeToConvert);

        public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var path = reader.GetString() ?? throw new JsonException("An actor reference must be a path string.");
            if (path == NobodyName) return ActorRefs.Nobody;
            if (system is null) throw new JsonException("Cannot read an actor reference without an actor system.");
            return system.ResolveActorRef(path);
        }

        public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options)
        {
            if (ReferenceEquals(value, ActorRefs.Nobody) || ReferenceEquals(value, ActorRefs.NoSender)) writer.WriteStringValue(NobodyName);
            else writer.WriteStringValue(value.Path.ToSerializationFormat());
        }
    }

    private sealed class WireObjectConverter(WireTypeRegistry registry) : JsonConverter<object>
    {
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("An object-typed member must be {\"$type\":…,\"value\":…}.");
            reader.Read();
            if (reader.TokenType != JsonTokenType.PropertyName || reader.GetString() != "$type") throw new JsonException("Missing \"$type\".");
            reader.Read();
            var name = reader.GetString() ?? throw new JsonException("\"$type\" must be a string.");
            if (!registry.TryGetType(name, out var type)) throw new JsonException($"Unknown message type name [{name}].");
            reader.Read();
            if (reader.TokenType != JsonTokenType.PropertyName || reader.GetString() != "value") throw new JsonException("Missing \"value\".");
            reader.Read();
            var value = JsonSerializer.Deserialize(ref reader, type, options);
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("Unexpected member after \"value\".");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
        {
            var type = value.GetType();
            if (!registry.TryGetName(type, out var name))
                throw new MessageSerializationException($"{type.FullName} has no wire name; it cannot travel inside another message.");
            writer.WriteStartObject();
            writer.WriteString("$type", name);
            writer.WritePropertyName("value");
            JsonSerializer.Serialize(writer, value, type, options);
            writer.WriteEndObject();
        }
    }
}

/// <summary>A serialized message: its wire name and its JSON bytes.</summary>
public sealed record SerializedMessage(string Manifest, byte[] Payload);

/// <summary>A message could not be written or read (no wire name, unknown name, bad payload).</summary>
public sealed class MessageSerializationException : Exception
{
    public MessageSerializationException(string message) : base(message) { }
    public MessageSerializationException(string message, Exception inner) : base(message, inner) { }
}
