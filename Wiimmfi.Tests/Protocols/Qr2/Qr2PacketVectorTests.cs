using System.Text.Json;
using Wiimmfi.Protocols.Qr2;
using static Wiimmfi.Tests.Protocols.MatchmakingVectors;

namespace Wiimmfi.Tests.Protocols.Qr2;

/// <summary>Every packet of <c>qr2_packets.json</c>: parsed by the reader of its direction, rebuilt byte for byte.</summary>
public class Qr2PacketVectorTests
{
    public static IEnumerable<object[]> Packets() =>
        Rows("qr2_packets", "packets", (e, _) => e.GetProperty("name").GetString()!);

    private static JsonElement Packet(string name)
    {
        foreach (var p in Load("qr2_packets").GetProperty("packets").EnumerateArray())
        {
            if (p.GetProperty("name").GetString() == name)
                return p;
        }
        throw new InvalidOperationException(name);
    }

    private static Qr2InstanceKey KeyOf(JsonElement fields) =>
        Qr2InstanceKey.Read(Hex(fields.GetProperty("instance_key_hex").GetString()!));

    [Theory]
    [MemberData(nameof(Packets))]
    public void Vector_packet_parses_and_rebuilds_byte_for_byte(string name, int index)
    {
        var vector = Element("qr2_packets", "packets", index);
        Assert.Equal(name, vector.GetProperty("name").GetString());
        byte[] wire = Hex(vector, "hex");
        var fields = vector.GetProperty("fields");

        switch (name)
        {
            case "available_request":
                {
                    var check = Assert.IsType<Qr2AvailabilityCheck>(ParseClient(wire));
                    Assert.Equal("mariokartwii", check.GameName);
                    Assert.Equal(Qr2InstanceKey.Zero, check.InstanceKey);
                    Assert.Equal(wire, Qr2ClientPacketWriter.AvailabilityCheck("mariokartwii"));
                    break;
                }
            case "available_reply_0" or "available_reply_1" or "available_reply_2":
                {
                    var status = (Qr2AvailabilityStatus)fields.GetProperty("status_bits").GetUInt32();
                    Assert.Equal(wire, Qr2ServerPacketWriter.AvailabilityReply(status));
                    var reply = Assert.IsType<Qr2AvailabilityReplyPacket>(ParseServer(wire));
                    Assert.Equal(status, reply.Status);
                    break;
                }
            case "heartbeat_initial_mkw_synthetic":
                {
                    var heartbeat = Assert.IsType<Qr2Heartbeat>(ParseClient(wire));
                    Assert.Equal(KeyOf(fields), heartbeat.InstanceKey);
                    var expected = fields.GetProperty("keys").EnumerateObject()
                        .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList();
                    Assert.Equal(expected.OrderBy(p => p.Key), heartbeat.ServerKeys.OrderBy(p => p.Key));
                    Assert.Equal(Qr2StateChange.Initial, heartbeat.StateChanged);
                    Assert.Equal(0, heartbeat.Players.Count);
                    Assert.Empty(heartbeat.Players.KeyNames);
                    Assert.Equal(0, heartbeat.Teams.Count);
                    Assert.Equal(0, heartbeat.IgnoredKeyCount);
                    Assert.Equal(wire, Qr2ClientPacketWriter.Heartbeat(heartbeat.InstanceKey, heartbeat.ServerKeys,
                        Qr2KeyTable.Empty, Qr2KeyTable.Empty));
                    break;
                }
            case "heartbeat_shutdown":
                {
                    var heartbeat = Assert.IsType<Qr2Heartbeat>(ParseClient(wire));
                    Assert.Equal(Qr2StateChange.Shutdown, heartbeat.StateChanged);
                    Assert.True(Qr2PublicIp.TryParse(heartbeat.GetValue("publicip"), Qr2AddressByteOrder.BigEndian, out uint ip));
                    Assert.Equal(Ip("85.22.130.76"), ip);
                    Assert.Equal(fields.GetProperty("publicport").GetInt32().ToString(), heartbeat.GetValue("publicport"));
                    Assert.Equal(wire, Qr2ClientPacketWriter.Heartbeat(heartbeat.InstanceKey, heartbeat.ServerKeys));
                    break;
                }
            case "challenge":
                {
                    var parts = fields.GetProperty("challenge_parts");
                    string challenge = Qr2Challenge.Create(parts.GetProperty("random").GetString(),
                        Ip(parts.GetProperty("public_ip").GetString()!), (ushort)parts.GetProperty("public_port").GetInt32());
                    Assert.Equal(fields.GetProperty("challenge").GetString(), challenge);
                    Assert.Equal(wire, Qr2ServerPacketWriter.Challenge(KeyOf(fields), challenge));
                    var packet = Assert.IsType<Qr2ChallengePacket>(ParseServer(wire));
                    Assert.True(Qr2Challenge.TryParse(packet.Challenge, out byte options, out uint ip, out ushort port));
                    Assert.Equal(0, options);
                    Assert.Equal(Ip("192.168.1.30"), ip);
                    Assert.Equal(54321, port);
                    break;
                }
            case "challenge_response":
                {
                    var response = Assert.IsType<Qr2ChallengeResponse>(ParseClient(wire));
                    Assert.Equal(fields.GetProperty("response").GetString(), response.Response);
                    string challenge = Packet("challenge").GetProperty("fields").GetProperty("challenge").GetString()!;
                    Assert.True(Qr2ChallengeAlgorithm.Verify("9r3Rmy", challenge, response.Response));
                    Assert.Equal(Hex(vector, "expected_server_reply_hex"), Qr2ServerPacketWriter.ClientRegistered(response.InstanceKey));
                    Assert.Equal(wire, Qr2ClientPacketWriter.ChallengeResponse(response.InstanceKey, response.Response));
                    break;
                }
            case "keepalive":
                {
                    var keepAlive = Assert.IsType<Qr2KeepAlive>(ParseClient(wire));
                    Assert.Equal(KeyOf(fields), keepAlive.InstanceKey);
                    Assert.Equal(wire, Qr2ClientPacketWriter.KeepAlive(keepAlive.InstanceKey));
                    // OpenSpy's reply form: FE FD 08 + key + 4-byte big-endian Unix time.
                    Span<byte> reply = stackalloc byte[16];
                    int length = Qr2ServerPacketWriter.WriteKeepAlive(reply, keepAlive.InstanceKey, 0x65000000);
                    Assert.Equal("fefd08822b3e3165000000", ToHex(reply[..length]));
                    break;
                }
            case "adderror":
                {
                    var key = Qr2InstanceKey.Read(wire.AsSpan(3));
                    byte code = (byte)fields.GetProperty("error_code").GetInt32();
                    string message = fields.GetProperty("message").GetString()!;
                    Assert.Equal(wire, Qr2ServerPacketWriter.AddError(key, code, message));
                    var packet = Assert.IsType<Qr2AddErrorPacket>(ParseServer(wire));
                    Assert.Equal((code, message), (packet.Code, packet.Message));
                    break;
                }
            case "client_message_reservation_capture" or "client_message_resv_ok_capture":
                {
                    var key = KeyOf(fields);
                    uint messageKey = Convert.ToUInt32(fields.GetProperty("message_key_hex").GetString(), 16);
                    byte[] message = Hex(fields.GetProperty("message_hex").GetString()!);
                    Assert.Equal(wire, Qr2ServerPacketWriter.ClientMessage(key, messageKey, message));
                    var packet = Assert.IsType<Qr2ClientMessagePacket>(ParseServer(wire));
                    Assert.Equal(message, packet.Data.ToArray());
                    Assert.False(Qr2NatNegCookieMessage.TryRead(packet.Data.Span, out _));

                    byte[] ack = Hex(vector, "expected_client_ack_hex");
                    Assert.Equal(ack, Qr2ClientPacketWriter.ClientMessageAck(key, messageKey));
                    var parsedAck = Assert.IsType<Qr2ClientMessageAck>(ParseClient(ack));
                    Assert.Equal((key, messageKey), (parsedAck.InstanceKey, parsedAck.MessageKey));
                    break;
                }
            case "client_message_natneg_cookie":
                {
                    var key = KeyOf(fields);
                    uint cookie = fields.GetProperty("message").GetProperty("cookie").GetUInt32();
                    uint messageKey = fields.GetProperty("message_key").GetUInt32();
                    Assert.Equal(wire, Qr2ServerPacketWriter.ClientMessage(key, messageKey, Qr2NatNegCookieMessage.Create(cookie)));
                    var packet = Assert.IsType<Qr2ClientMessagePacket>(ParseServer(wire));
                    Assert.True(Qr2NatNegCookieMessage.TryRead(packet.Data.Span, out uint readCookie));
                    Assert.Equal(cookie, readCookie);
                    break;
                }
            default:
                Assert.Fail($"vector '{name}' has no test: add a case");
                break;
        }
    }

    public static IEnumerable<object[]> PublicIpRows() =>
        Rows("qr2_packets", "publicip_encoding", (e, _) => e.GetProperty("ip").GetString()!);

    [Theory]
    [MemberData(nameof(PublicIpRows))]
    public void Public_ip_is_printed_and_read_as_signed_decimal_in_the_console_byte_order(string dotted, int index)
    {
        var row = Element("qr2_packets", "publicip_encoding", index);
        uint ip = Ip(dotted);
        string wii = row.GetProperty("wii_publicip_decimal").GetString()!;
        string ds = row.GetProperty("ds_publicip_decimal").GetString()!;
        Assert.Equal(wii, Qr2PublicIp.Format(ip, Qr2AddressByteOrder.BigEndian));
        Assert.Equal(ds, Qr2PublicIp.Format(ip, Qr2AddressByteOrder.LittleEndian));
        Assert.True(Qr2PublicIp.TryParse(wii, Qr2AddressByteOrder.BigEndian, out uint fromWii));
        Assert.True(Qr2PublicIp.TryParse(ds, Qr2AddressByteOrder.LittleEndian, out uint fromDs));
        Assert.Equal(ip, fromWii);
        Assert.Equal(ip, fromDs);
    }

    internal static Qr2ClientPacket ParseClient(byte[] wire)
    {
        var result = Qr2ClientPacketReader.Read(wire);
        Assert.True(result.IsSuccess, result.ToString());
        return result.Packet;
    }

    private static Qr2ServerPacket ParseServer(byte[] wire)
    {
        var result = Qr2ServerPacketReader.Read(wire);
        Assert.True(result.IsSuccess, result.ToString());
        return result.Packet;
    }
}
