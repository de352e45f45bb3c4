using System.Buffers.Binary;
using System.Text;

namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// Parses server→client QR2 packets: the console side, for the console emulator, the load tool and tests.
/// Like the SDK it drops packets shorter than 7 bytes or without the <c>FE FD</c> magic.
/// </summary>
public static class Qr2ServerPacketReader
{
    /// <summary>Parses one datagram received from MASTER.</summary>
    public static Qr2ParseResult<Qr2ServerPacket> Read(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < Qr2ServerPacketWriter.HeaderLength)
            return Fail(Qr2ParseError.TooShort, $"{datagram.Length} bytes, a server packet has at least 7");
        if (datagram.Length > Qr2Limits.MaxServerPacketLength)
            return Fail(Qr2ParseError.TooLong, $"{datagram.Length} bytes, the console buffer holds {Qr2Limits.MaxServerPacketLength}");
        if (!datagram.StartsWith(Qr2ServerPacketWriter.Magic))
            return Fail(Qr2ParseError.Malformed, "no FE FD magic");

        var key = Qr2InstanceKey.Read(datagram[3..]);
        var payload = datagram[Qr2ServerPacketWriter.HeaderLength..];
        switch ((Qr2PacketType)datagram[2])
        {
            case Qr2PacketType.Challenge:
                {
                    int nul = payload.IndexOf((byte)0);
                    var text = nul < 0 ? payload : payload[..nul];
                    return Qr2ParseResult<Qr2ServerPacket>.Success(new Qr2ChallengePacket(key, Encoding.Latin1.GetString(text)));
                }
            case Qr2PacketType.ClientRegistered:
                return Qr2ParseResult<Qr2ServerPacket>.Success(new Qr2ClientRegisteredPacket(key));
            case Qr2PacketType.ClientMessage:
                if (payload.Length < 4)
                    return Fail(Qr2ParseError.TooShort, "client message without its message key");
                return Qr2ParseResult<Qr2ServerPacket>.Success(new Qr2ClientMessagePacket(
                    key, BinaryPrimitives.ReadUInt32BigEndian(payload), payload[4..].ToArray()));
            case Qr2PacketType.Available:
                return Qr2ParseResult<Qr2ServerPacket>.Success(
                    new Qr2AvailabilityReplyPacket((Qr2AvailabilityStatus)BinaryPrimitives.ReadUInt32BigEndian(datagram[3..])));
            case Qr2PacketType.AddError:
                {
                    if (payload.IsEmpty)
                        return Fail(Qr2ParseError.TooShort, "error packet without its code");
                    var text = payload[1..];
                    int nul = text.IndexOf((byte)0);
                    if (nul >= 0)
                        text = text[..nul];
                    return Qr2ParseResult<Qr2ServerPacket>.Success(new Qr2AddErrorPacket(key, payload[0], Encoding.Latin1.GetString(text)));
                }
            case Qr2PacketType.KeepAlive:
                return Qr2ParseResult<Qr2ServerPacket>.Success(new Qr2ServerKeepAlivePacket(key, payload.ToArray()));
            case Qr2PacketType.Echo:
                return Qr2ParseResult<Qr2ServerPacket>.Success(new Qr2EchoPacket(key, payload.ToArray()));
            default:
                return Fail(Qr2ParseError.UnsupportedType, $"type 0x{datagram[2]:x2} is not a server→client packet");
        }
    }

    private static Qr2ParseResult<Qr2ServerPacket> Fail(Qr2ParseError error, string detail) =>
        Qr2ParseResult<Qr2ServerPacket>.Failure(error, detail);
}
