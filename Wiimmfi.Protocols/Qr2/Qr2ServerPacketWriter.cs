using System.Buffers.Binary;
using System.Text;

namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// Builds the packets MASTER sends to consoles: <c>FE FD</c> + type + instance key + payload.
/// </summary>
/// <remarks>
/// Each method writes into a caller buffer and returns the byte count (no allocation), or allocates a right-sized
/// array in the overload without a destination. Arguments come from the server itself, so a value that cannot be
/// encoded (too long, non-ASCII challenge) is a programming error and throws <see cref="ArgumentException"/>.
/// Every packet is at most <see cref="Qr2Limits.MaxServerPacketLength"/> bytes, the console's receive buffer.
/// </remarks>
public static class Qr2ServerPacketWriter
{
    /// <summary>The two bytes every server→client packet starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0xFE, 0xFD];

    /// <summary>Header length: magic + type + instance key.</summary>
    public const int HeaderLength = 7;

    /// <summary>Bytes needed for a CHALLENGE packet carrying <paramref name="challengeLength"/> characters.</summary>
    public static int ChallengeLength(int challengeLength) => HeaderLength + challengeLength + 1;

    /// <summary>0x01 CHALLENGE: header + challenge text + NUL (28 bytes for the usual 20 characters).</summary>
    public static int WriteChallenge(Span<byte> destination, Qr2InstanceKey key, string challenge)
    {
        if (challenge.Length is 0 or > 64 || !Ascii.IsValid(challenge) || challenge.Contains('\0'))
            throw new ArgumentException("a challenge is 1-64 ASCII characters without NUL", nameof(challenge));
        int length = WriteHeader(destination, Qr2PacketType.Challenge, key);
        length += Encoding.ASCII.GetBytes(challenge, destination[length..]);
        destination[length++] = 0;
        return length;
    }

    /// <inheritdoc cref="WriteChallenge(Span{byte}, Qr2InstanceKey, string)"/>
    public static byte[] Challenge(Qr2InstanceKey key, string challenge)
    {
        var packet = new byte[ChallengeLength(challenge.Length)];
        WriteChallenge(packet, key, challenge);
        return packet;
    }

    /// <summary>0x0A CLIENT_REGISTERED: the challenge response was right (7 bytes).</summary>
    public static int WriteClientRegistered(Span<byte> destination, Qr2InstanceKey key) =>
        WriteHeader(destination, Qr2PacketType.ClientRegistered, key);

    /// <inheritdoc cref="WriteClientRegistered(Span{byte}, Qr2InstanceKey)"/>
    public static byte[] ClientRegistered(Qr2InstanceKey key)
    {
        var packet = new byte[HeaderLength];
        WriteClientRegistered(packet, key);
        return packet;
    }

    /// <summary>
    /// 0x06 CLIENT_MESSAGE: header + message key (4 bytes, big-endian; retransmissions reuse it) + data
    /// (a 10-byte NATNEG cookie or a DWC match command).
    /// </summary>
    public static int WriteClientMessage(Span<byte> destination, Qr2InstanceKey key, uint messageKey, ReadOnlySpan<byte> data)
    {
        if (data.Length > Qr2Limits.MaxClientMessageDataLength)
            throw new ArgumentException($"client message data is limited to {Qr2Limits.MaxClientMessageDataLength} bytes", nameof(data));
        int length = WriteHeader(destination, Qr2PacketType.ClientMessage, key);
        BinaryPrimitives.WriteUInt32BigEndian(destination[length..], messageKey);
        length += 4;
        data.CopyTo(destination[length..]);
        return length + data.Length;
    }

    /// <inheritdoc cref="WriteClientMessage(Span{byte}, Qr2InstanceKey, uint, ReadOnlySpan{byte})"/>
    public static byte[] ClientMessage(Qr2InstanceKey key, uint messageKey, ReadOnlySpan<byte> data)
    {
        var packet = new byte[Qr2Limits.ClientMessageHeaderLength + data.Length];
        WriteClientMessage(packet, key, messageKey, data);
        return packet;
    }

    /// <summary>
    /// 0x09 availability reply: <c>FE FD 09</c> + the 4-byte big-endian status (7 bytes). Must be sent from port
    /// 27900 of the address the console targeted.
    /// </summary>
    public static int WriteAvailabilityReply(Span<byte> destination, Qr2AvailabilityStatus status)
    {
        Magic.CopyTo(destination);
        destination[2] = (byte)Qr2PacketType.Available;
        BinaryPrimitives.WriteUInt32BigEndian(destination[3..], (uint)status);
        return HeaderLength;
    }

    /// <inheritdoc cref="WriteAvailabilityReply(Span{byte}, Qr2AvailabilityStatus)"/>
    public static byte[] AvailabilityReply(Qr2AvailabilityStatus status)
    {
        var packet = new byte[HeaderLength];
        WriteAvailabilityReply(packet, status);
        return packet;
    }

    /// <summary>0x04 ADDERROR: header + error code + NUL-terminated ASCII message (fatal registration errors).</summary>
    public static int WriteAddError(Span<byte> destination, Qr2InstanceKey key, byte code, string message)
    {
        if (message.Length > Qr2Limits.MaxServerPacketLength - HeaderLength - 2 || !Ascii.IsValid(message) || message.Contains('\0'))
            throw new ArgumentException("an error message is short ASCII text without NUL", nameof(message));
        int length = WriteHeader(destination, Qr2PacketType.AddError, key);
        destination[length++] = code;
        length += Encoding.ASCII.GetBytes(message, destination[length..]);
        destination[length++] = 0;
        return length;
    }

    /// <inheritdoc cref="WriteAddError(Span{byte}, Qr2InstanceKey, byte, string)"/>
    public static byte[] AddError(Qr2InstanceKey key, byte code, string message)
    {
        Span<byte> buffer = stackalloc byte[Qr2Limits.MaxServerPacketLength];
        return buffer[..WriteAddError(buffer, key, code, message)].ToArray();
    }

    /// <summary>
    /// 0x08 KEEPALIVE from the server (optional; the SDK ignores it): header + the current Unix time big-endian
    /// (OpenSpy's form, 11 bytes).
    /// </summary>
    public static int WriteKeepAlive(Span<byte> destination, Qr2InstanceKey key, uint unixTime)
    {
        int length = WriteHeader(destination, Qr2PacketType.KeepAlive, key);
        BinaryPrimitives.WriteUInt32BigEndian(destination[length..], unixTime);
        return length + 4;
    }

    /// <summary>0x02 ECHO: header + up to 32 bytes the console should copy back (unused by DWC).</summary>
    public static int WriteEcho(Span<byte> destination, Qr2InstanceKey key, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > Qr2Limits.MaxEchoLength)
            throw new ArgumentException($"an echo carries at most {Qr2Limits.MaxEchoLength} bytes", nameof(payload));
        int length = WriteHeader(destination, Qr2PacketType.Echo, key);
        payload.CopyTo(destination[length..]);
        return length + payload.Length;
    }

    private static int WriteHeader(Span<byte> destination, Qr2PacketType type, Qr2InstanceKey key)
    {
        Magic.CopyTo(destination);
        destination[2] = (byte)type;
        key.Write(destination[3..]);
        return HeaderLength;
    }
}
