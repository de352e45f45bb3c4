using System.Buffers;
using System.Buffers.Binary;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// Builds the server→client messages that may follow the list in the same encrypted stream: each is
/// <c>u16 BE length (including itself)</c> + type + payload. The answer to SERVER_INFO is a PUSH_SERVER message
/// with the server's full rules.
/// </summary>
public static class SbAdHocMessageWriter
{
    /// <summary>KEEPALIVE with OpenSpy's one-byte payload <c>03</c> (<c>00 04 03 03</c>); the client echoes it.</summary>
    public static void WriteKeepAlive(IBufferWriter<byte> output) => WriteKeepAlive(output, [0x03]);

    /// <summary>KEEPALIVE with a chosen payload.</summary>
    public static void WriteKeepAlive(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        var message = new ArrayBufferWriter<byte>(payload.Length);
        SbWire.Bytes(message, payload);
        Finish(output, SbAdHocMessageType.KeepAlive, message);
    }

    /// <summary>DELETE_SERVER: the client removes the server at this IP/port from its list.</summary>
    public static void WriteDeleteServer(IBufferWriter<byte> output, uint ip, ushort port)
    {
        var message = new ArrayBufferWriter<byte>(6);
        SbWire.U32(message, ip);
        SbWire.U16(message, port);
        Finish(output, SbAdHocMessageType.DeleteServer, message);
    }

    /// <summary>PUSH_KEYS: replaces the client's key list.</summary>
    public static void WritePushKeys(IBufferWriter<byte> output, IReadOnlyList<SbKey> keys)
    {
        if (keys.Count > SbLimits.MaxReplyKeys)
            throw new ArgumentException($"at most {SbLimits.MaxReplyKeys} keys", nameof(keys));
        var message = new ArrayBufferWriter<byte>();
        SbWire.Byte(message, (byte)keys.Count);
        foreach (var key in keys)
        {
            SbWire.Byte(message, (byte)key.Type);
            SbWire.String(message, key.Name);
        }
        Finish(output, SbAdHocMessageType.PushKeys, message);
    }

    /// <summary>
    /// PUSH_SERVER: one entry. <paramref name="values"/> (string keys, written as plain text — push messages use
    /// no popular-value indexes) sets HAS_KEYS; <paramref name="rules"/> sets HAS_FULL_RULES. The flags of
    /// <paramref name="entry"/> decide the address fields; the two content flags follow the arguments.
    /// </summary>
    public static void WritePushServer(IBufferWriter<byte> output, in SbServerEntry entry,
        IReadOnlyList<string>? values, IReadOnlyList<KeyValuePair<string, string>>? rules)
    {
        var flags = entry.Flags & ~(SbServerFlags.HasKeys | SbServerFlags.HasFullRules);
        if (values is not null)
            flags |= SbServerFlags.HasKeys;
        if (rules is not null)
            flags |= SbServerFlags.HasFullRules;

        var message = new ArrayBufferWriter<byte>();
        SbWire.Entry(message, entry, flags);
        if (values is not null)
        {
            foreach (var value in values)
                SbWire.String(message, value);
        }
        if (rules is not null)
        {
            foreach (var rule in rules)
            {
                if (rule.Key.Length == 0)
                    continue; // an empty key would end the rules early
                SbWire.String(message, rule.Key);
                SbWire.String(message, rule.Value);
            }
            SbWire.Byte(message, 0);
        }
        Finish(output, SbAdHocMessageType.PushServer, message);
    }

    /// <summary>The answer to SERVER_INFO_REQUEST: PUSH_SERVER with the server's full rules.</summary>
    public static void WriteServerInfo(IBufferWriter<byte> output, in SbServerEntry entry,
        IReadOnlyList<KeyValuePair<string, string>> rules) =>
        WritePushServer(output, entry, values: null, rules);

    private static void Finish(IBufferWriter<byte> output, SbAdHocMessageType type, ArrayBufferWriter<byte> payload)
    {
        int length = 3 + payload.WrittenCount;
        if (length > ushort.MaxValue)
            throw new ArgumentException("ad-hoc message too long");
        var span = output.GetSpan(length);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)length);
        span[2] = (byte)type;
        payload.WrittenSpan.CopyTo(span[3..]);
        output.Advance(length);
    }
}
