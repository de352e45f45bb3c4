using System.Collections;
using System.Reflection;
using System.Text;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class MessageSerializerTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();
    private readonly MessageSerializer _serializer;
    private readonly IActorRef _sampleRef;

    public MessageSerializerTests()
    {
        _serializer = MessageSerializer.Create(_kit.System);
        _sampleRef = _kit.System.ActorOf(Props.Create<Idle>(), "sample");
    }

    public void Dispose() => _kit.Dispose();

    private sealed class Idle : UntypedActor
    {
        protected override void OnReceive(object message) { }
    }

    /// <summary>Every type of the Wiimmfi.Actors assembly that is sent between nodes or stored.</summary>
    public static TheoryData<string> WireTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(ActorSystem).Assembly.GetTypes())
        {
            if (type.IsAbstract || type.IsInterface) continue;
            if (type.GetCustomAttribute<WireNameAttribute>() is not null || typeof(IShardedMessage).IsAssignableFrom(type))
                data.Add(type.FullName!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void Every_wire_type_round_trips_equal(string typeName)
    {
        var type = typeof(ActorSystem).Assembly.GetType(typeName)!;
        Assert.True(type.GetCustomAttribute<WireNameAttribute>() is not null, $"{type.Name} travels through regions and needs [WireName].");
        var original = SampleBuilder.Build(type, _sampleRef);
        var serialized = _serializer.Serialize(original);
        Assert.Equal(type.GetCustomAttribute<WireNameAttribute>()!.Name, serialized.Manifest);
        var copy = _serializer.Deserialize(serialized);
        Assert.IsType(type, copy);
        Assert.Equal(Encoding.UTF8.GetString(serialized.Payload), Encoding.UTF8.GetString(_serializer.ToBinary(copy)));
        if (!SampleBuilder.HasCollectionMembers(type)) Assert.Equal(original, copy);
    }

    [Fact]
    public void Wire_names_of_the_runtime_are_frozen()
    {
        // Append only: a shipped name never changes and is never reused.
        var runtimeNames = WireTypeRegistry.Default.Types
            .Where(kv => kv.Value.Assembly == typeof(ActorSystem).Assembly && kv.Value.Namespace!.StartsWith("Wiimmfi.Actors.Runtime", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Name);
        Assert.Equal(new Dictionary<string, string>
        {
            ["actor.identify"] = nameof(Identify),
            ["actor.identity"] = nameof(ActorIdentity),
            ["sharding.envelope"] = nameof(ShardingEnvelope),
            ["sharding.start-entity"] = nameof(StartEntity),
            ["sharding.start-entity-ack"] = nameof(StartEntityAck),
        }, runtimeNames);
    }

    [Fact]
    public void A_large_payload_written_through_a_stream_is_the_same_bytes_as_the_direct_way()
    {
        // A snapshot-sized message: the envelope of a long string (about 2 MB of JSON).
        var large = new ShardingEnvelope("table", new string('x', 2_000_000));
        var direct = _serializer.Serialize(large);
        var streamed = _serializer.SerializeLarge(large);
        Assert.Equal(direct.Manifest, streamed.Manifest);
        Assert.Equal(direct.Payload, streamed.Payload);
        Assert.Equal(large, _serializer.FromBinary(streamed.Payload, streamed.Manifest));
    }

    [Fact]
    public void Unknown_type_name_is_refused()
    {
        var error = Assert.Throws<MessageSerializationException>(() => _serializer.FromBinary("{}"u8, "gpcm.no-such-message"));
        Assert.Contains("gpcm.no-such-message", error.Message);
    }

    [Fact]
    public void CLR_type_names_from_the_wire_are_refused()
    {
        Assert.Throws<MessageSerializationException>(() => _serializer.FromBinary("\"x\""u8, "System.String"));
        Assert.Throws<MessageSerializationException>(() => _serializer.FromBinary("{}"u8, typeof(ShardingEnvelope).AssemblyQualifiedName!));
    }

    [Fact]
    public void Unknown_type_name_nested_in_an_envelope_is_refused()
    {
        var payload = """{"entityId":"1","message":{"$type":"System.Diagnostics.Process","value":{}}}"""u8.ToArray();
        Assert.Throws<MessageSerializationException>(() => _serializer.FromBinary(payload, "sharding.envelope"));
    }

    [Fact]
    public void Malformed_payload_is_refused_with_a_serialization_error()
    {
        Assert.Throws<MessageSerializationException>(() => _serializer.FromBinary("{not json"u8, "sharding.envelope"));
    }

    private sealed record NotRegistered(int X);

    [Fact]
    public void Message_without_a_wire_name_cannot_be_serialized()
    {
        Assert.Throws<MessageSerializationException>(() => _serializer.Serialize(new NotRegistered(1)));
        Assert.Throws<MessageSerializationException>(() => _serializer.Serialize(new ShardingEnvelope("1", new NotRegistered(1))));
    }

    [Fact]
    public void Actor_reference_travels_as_its_path_and_resolves_back_to_the_same_actor()
    {
        var bytes = _serializer.ToBinary(new ActorIdentity("id", _sampleRef));
        Assert.Contains(_sampleRef.Path.ToSerializationFormat(), Encoding.UTF8.GetString(bytes));
        var copy = (ActorIdentity)_serializer.FromBinary(bytes, "actor.identity");
        Assert.Same(_sampleRef, copy.Subject);
    }

    [Fact]
    public void Envelope_keeps_the_wire_name_of_its_payload()
    {
        var envelope = new ShardingEnvelope("42", new StartEntity("42"));
        var json = Encoding.UTF8.GetString(_serializer.ToBinary(envelope));
        Assert.Equal("""{"entityId":"42","message":{"$type":"sharding.start-entity","value":{"entityId":"42"}}}""", json);
        Assert.Equal(envelope, _serializer.FromBinary(Encoding.UTF8.GetBytes(json), "sharding.envelope"));
    }

    [Fact]
    public void Registering_a_name_twice_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => WireTypeRegistry.FromAssemblies(
            [typeof(ActorSystem).Assembly], [new KeyValuePair<string, Type>("sharding.envelope", typeof(NotRegistered))]));
    }
}

/// <summary>Builds an instance of a message type with a sample value in every member, by reflection.</summary>
internal static class SampleBuilder
{
    public static object Build(Type type, IActorRef sampleRef) => Value(type, sampleRef, 0)!;

    public static bool HasCollectionMembers(Type type) =>
        type.GetProperties().Any(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType));

    private static object? Value(Type type, IActorRef sampleRef, int depth)
    {
        if (depth > 6) throw new InvalidOperationException($"Message type nesting too deep at {type}.");
        if (Nullable.GetUnderlyingType(type) is { } inner) return Value(inner, sampleRef, depth + 1);
        if (type == typeof(string)) return "sample-text";
        if (type == typeof(int)) return 42;
        if (type == typeof(long)) return 1_234_567_890_123L;
        if (type == typeof(uint)) return 4_000_000_000u;
        if (type == typeof(ushort)) return (ushort)29900;
        if (type == typeof(short)) return (short)-7;
        if (type == typeof(byte)) return (byte)200;
        if (type == typeof(bool)) return true;
        if (type == typeof(double)) return 1.5;
        if (type == typeof(float)) return 2.5f;
        if (type == typeof(decimal)) return 3.25m;
        if (type == typeof(Guid)) return new Guid("6f1c6b1e-8f5e-4a51-9a51-2f0f5c7d9a10");
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2014, 5, 20, 12, 0, 0, TimeSpan.Zero);
        if (type == typeof(DateTime)) return new DateTime(2014, 5, 20, 12, 0, 0, DateTimeKind.Utc);
        if (type == typeof(TimeSpan)) return TimeSpan.FromSeconds(90);
        if (type == typeof(byte[])) return new byte[] { 1, 2, 3, 255 };
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1);
        if (typeof(IActorRef).IsAssignableFrom(type)) return sampleRef;
        if (type == typeof(object)) return "boxed-sample";
        if (type.IsArray)
        {
            var array = Array.CreateInstance(type.GetElementType()!, 2);
            for (var i = 0; i < 2; i++) array.SetValue(Value(type.GetElementType()!, sampleRef, depth + 1), i);
            return array;
        }
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var args = type.GetGenericArguments();
            if (args.Length == 1 && typeof(IEnumerable).IsAssignableFrom(type))
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args[0]))!;
                list.Add(Value(args[0], sampleRef, depth + 1));
                return list;
            }
            if (args.Length == 2 && (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>)))
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
                dictionary.Add(Value(args[0], sampleRef, depth + 1)!, Value(args[1], sampleRef, depth + 1));
                return dictionary;
            }
        }
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{type} has no public constructor.");
        var instance = constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType, sampleRef, depth + 1)).ToArray());
        foreach (var property in type.GetProperties())
            if (property.SetMethod is { IsPublic: true } && constructor.GetParameters().All(p => !string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
                property.SetValue(instance, Value(property.PropertyType, sampleRef, depth + 1));
        return instance;
    }
}
