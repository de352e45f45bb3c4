using System.Buffers.Binary;
using System.Text;

namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// Builds the packets a console sends to MASTER — for the console emulator, the load tool and tests. Layouts
/// follow the GameSpy SDK (type + instance key + payload). Arguments are the caller's own, so values that cannot
/// be sent (too long, embedded NUL) throw <see cref="ArgumentException"/>.
/// </summary>
public static class Qr2ClientPacketWriter
{
    /// <summary>
    /// 0x03 HEARTBEAT: server keys (key NUL value NUL …, then an empty key), then the player and team sections
    /// when given. With <paramref name="players"/> and <paramref name="teams"/> null the packet ends after the
    /// server keys, as the SDK's shutdown heartbeat (<c>statechanged=2</c>) does.
    /// </summary>
    public static byte[] Heartbeat(Qr2InstanceKey key, IEnumerable<KeyValuePair<string, string>> serverKeys,
        Qr2KeyTable? players = null, Qr2KeyTable? teams = null)
    {
        var buffer = new List<byte>(256) { (byte)Qr2PacketType.Heartbeat };
        Span<byte> keyBytes = stackalloc byte[Qr2InstanceKey.Length];
        key.Write(keyBytes);
        buffer.AddRange(keyBytes);
        foreach (var pair in serverKeys)
        {
            if (pair.Key.Length == 0)
                throw new ArgumentException("an empty key would end the key list", nameof(serverKeys));
            AddString(buffer, pair.Key);
            AddString(buffer, pair.Value);
        }
        buffer.Add(0);
        if (players is not null || teams is not null)
        {
            AddSection(buffer, players ?? Qr2KeyTable.Empty);
            AddSection(buffer, teams ?? Qr2KeyTable.Empty);
        }
        if (buffer.Count > Qr2Limits.MaxDatagramLength)
            throw new ArgumentException($"heartbeat of {buffer.Count} bytes exceeds the SDK's {Qr2Limits.MaxDatagramLength}");
        return [.. buffer];
    }

    /// <summary>0x01 challenge response: the response text + NUL.</summary>
    public static byte[] ChallengeResponse(Qr2InstanceKey key, string response)
    {
        var packet = new byte[5 + response.Length + 1];
        WriteHeader(packet, Qr2PacketType.Challenge, key);
        CheckedLatin1(response, packet.AsSpan(5));
        return packet;
    }

    /// <summary>0x08 keep-alive: type + instance key (5 bytes).</summary>
    public static byte[] KeepAlive(Qr2InstanceKey key)
    {
        var packet = new byte[5];
        WriteHeader(packet, Qr2PacketType.KeepAlive, key);
        return packet;
    }

    /// <summary>0x07 acknowledgement of a client message: type + instance key + message key (9 bytes).</summary>
    public static byte[] ClientMessageAck(Qr2InstanceKey key, uint messageKey)
    {
        var packet = new byte[9];
        WriteHeader(packet, Qr2PacketType.ClientMessageAck, key);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(5), messageKey);
        return packet;
    }

    /// <summary>0x09 availability check: type + zero key + gamename + NUL.</summary>
    public static byte[] AvailabilityCheck(string gameName)
    {
        var packet = new byte[5 + gameName.Length + 1];
        WriteHeader(packet, Qr2PacketType.Available, Qr2InstanceKey.Zero);
        CheckedLatin1(gameName, packet.AsSpan(5));
        return packet;
    }

    private static void WriteHeader(Span<byte> packet, Qr2PacketType type, Qr2InstanceKey key)
    {
        packet[0] = (byte)type;
        key.Write(packet[1..]);
    }

    private static void AddSection(List<byte> buffer, Qr2KeyTable table)
    {
        buffer.Add((byte)(table.Count >> 8));
        buffer.Add((byte)table.Count);
        foreach (var name in table.KeyNames)
            AddString(buffer, name);
        buffer.Add(0);
        foreach (var row in table.Rows)
        {
            foreach (var value in row)
                AddString(buffer, value);
        }
    }

    private static void AddString(List<byte> buffer, string text)
    {
        Span<byte> bytes = text.Length <= 512 ? stackalloc byte[text.Length + 1] : new byte[text.Length + 1];
        CheckedLatin1(text, bytes);
        buffer.AddRange(bytes);
    }

    /// <summary>Writes text as Latin-1 followed by NUL; refuses characters that do not fit one byte or NUL.</summary>
    private static void CheckedLatin1(string text, Span<byte> destination)
    {
        foreach (char c in text)
        {
            if (c is '\0' or > '\u00FF')
                throw new ArgumentException("QR2 strings are single-byte text without NUL");
        }
        Encoding.Latin1.GetBytes(text, destination);
        destination[text.Length] = 0;
    }
}
