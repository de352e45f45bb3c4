using System.Buffers;
using System.Text.Json;
using Wiimmfi.Protocols.Common.GameList;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Protocols.ServerBrowser;
using static Wiimmfi.Tests.Protocols.MatchmakingVectors;

namespace Wiimmfi.Tests.Protocols.ServerBrowser;

/// <summary>Every vector of <c>serverbrowser_packets.json</c>.</summary>
public class ServerBrowserPacketVectorTests
{
    public static IEnumerable<object[]> Vectors() =>
        Rows("serverbrowser_packets", "vectors", (e, _) => e.GetProperty("name").GetString()!);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_is_reproduced(string name, int index)
    {
        var vector = Element("serverbrowser_packets", "vectors", index);
        switch (name)
        {
            case "ms_hostname_number":
                foreach (var expected in vector.GetProperty("expected").EnumerateObject())
                    Assert.Equal(expected.Value.GetString(), MsHostNumber.HostName(expected.Name));
                break;
            case "server_list_request_mkw_illustrative":
                ServerListRequest(vector);
                break;
            case "server_list_reply_plaintext_wiilink_style":
                Assert.Equal(vector.GetProperty("plaintext_hex").GetString(), ToHex(BuildWiiLinkStyleReply()));
                ReadBackWiiLinkStyleReply(Hex(vector, "plaintext_hex"), vector.GetProperty("structure"));
                break;
            case "server_list_reply_encrypted":
                {
                    var inputs = vector.GetProperty("inputs");
                    var encryptor = EncTypeXEncryptor.Create(inputs.GetProperty("secret_key").GetString()!,
                        Hex(inputs, "client_challenge_hex"), Hex(inputs, "header_random_hex"), Hex(inputs, "server_challenge_hex"));
                    byte[] body = BuildWiiLinkStyleReply();
                    Assert.Equal(inputs.GetProperty("plaintext_hex").GetString(), ToHex(body));
                    encryptor.Encrypt(body);
                    Assert.Equal(vector.GetProperty("expected").GetProperty("message_hex").GetString(),
                        ToHex([.. encryptor.Header.Span, .. body]));
                    break;
                }
            case "no_server_list_reply_plaintext":
                {
                    var output = new ArrayBufferWriter<byte>();
                    SbListReplyWriter.WriteHeaderOnly(output, Ip("24.171.237.122"));
                    Assert.Equal(vector.GetProperty("plaintext_hex").GetString(), ToHex(output.WrittenSpan));
                    Assert.Equal(SbReplyReadStatus.Complete,
                        SbListReplyReader.TryRead(output.WrittenSpan, expectList: false, out var reply, out int consumed));
                    Assert.Equal((Ip("24.171.237.122"), (ushort)6500, 6), (reply!.ClientIp, reply.DefaultPort, consumed));
                    break;
                }
            case "send_message_request_natneg_cookie":
                {
                    byte[] frame = Hex(vector, "hex");
                    var fields = vector.GetProperty("fields");
                    Assert.Equal(SbFrameStatus.Complete, SbRequestFramer.TryReadFrame(frame, out int length));
                    Assert.Equal(fields.GetProperty("length").GetInt32(), length);
                    var request = Assert.IsType<SbSendMessageRequest>(Parse(frame));
                    Assert.Equal(Ip(fields.GetProperty("target_ip_field").GetString()!), request.TargetIp);
                    Assert.Equal(fields.GetProperty("target_port_field").GetInt32(), request.TargetPort);
                    Assert.Equal((ulong)fields.GetProperty("target_search_id").GetInt64(), request.TargetId);
                    Assert.Equal(fields.GetProperty("message_hex").GetString(), ToHex(request.Data.Span));
                    Assert.True(Qr2NatNegCookieMessage.TryRead(request.Data.Span, out uint cookie));
                    Assert.Equal(fields.GetProperty("cookie").GetUInt32(), cookie);
                    Assert.Equal(frame, SbRequestWriter.SendMessage(request.TargetIp, request.TargetPort, request.Data.Span));

                    // Forwarded to the host as a QR2 client message (host key c480b55c, its 7th message).
                    byte[] forward = Qr2ServerPacketWriter.ClientMessage(new Qr2InstanceKey(0xc480b55c), 7, request.Data.Span);
                    Assert.Equal(vector.GetProperty("expected_forward").GetProperty("qr2_packet_to_host_hex").GetString(), ToHex(forward));
                    break;
                }
            case "keepalive_message":
                {
                    var output = new ArrayBufferWriter<byte>();
                    SbAdHocMessageWriter.WriteKeepAlive(output);
                    Assert.Equal(vector.GetProperty("server_sends_plaintext_hex").GetString(), ToHex(output.WrittenSpan));
                    Assert.Equal(SbReplyReadStatus.Complete,
                        SbListReplyReader.TryReadAdHoc(output.WrittenSpan, out var type, out _, out _));
                    Assert.Equal(SbAdHocMessageType.KeepAlive, type);
                    byte[] echo = SbRequestWriter.KeepAliveEcho(output.WrittenSpan);
                    Assert.Equal(vector.GetProperty("client_echoes_hex").GetString(), ToHex(echo));
                    var reply = Assert.IsType<SbKeepAliveReply>(Parse(echo));
                    Assert.Equal([0x03], reply.Payload.ToArray());
                    break;
                }
            default:
                Assert.Fail($"vector '{name}' has no test: add a case");
                break;
        }
    }

    private static void ServerListRequest(JsonElement vector)
    {
        byte[] frame = Hex(vector, "hex");
        var fields = vector.GetProperty("fields");
        Assert.Equal(SbFrameStatus.Complete, SbRequestFramer.TryReadFrame(frame, out int length));
        Assert.Equal(fields.GetProperty("length").GetInt32(), length);
        var request = Assert.IsType<SbServerListRequest>(Parse(frame));
        Assert.Equal(fields.GetProperty("protocol_version").GetInt32(), request.ProtocolVersion);
        Assert.Equal(fields.GetProperty("encoding_version").GetInt32(), request.EncodingVersion);
        Assert.Equal(fields.GetProperty("game_version_le").GetInt32(), request.GameVersion);
        Assert.Equal(fields.GetProperty("query_for_game").GetString(), request.QueryForGame);
        Assert.Equal(fields.GetProperty("query_from_game").GetString(), request.QueryFromGame);
        Assert.Equal(fields.GetProperty("client_challenge_hex").GetString(), ToHex(request.ClientChallenge.Span));
        Assert.Equal(fields.GetProperty("filter").GetString(), request.Filter);
        Assert.Equal(fields.GetProperty("key_list").GetString()!.Split('\\', StringSplitOptions.RemoveEmptyEntries), request.Fields);
        Assert.Equal((SbListOptions)fields.GetProperty("options").GetUInt32(), request.Options);
        Assert.Equal(fields.GetProperty("max_servers_le").GetInt32(), request.MaxResults);
        Assert.Null(request.AlternateSourceIp);
        Assert.False(request.WantsNoServerList);

        byte[] rebuilt = SbRequestWriter.ServerList(request.QueryForGame, request.QueryFromGame, request.ClientChallenge.Span,
            request.Filter, request.Fields, request.Options, maxResults: request.MaxResults);
        Assert.Equal(frame, rebuilt);
    }

    /// <summary>The WiiLink-style reply of the vector, built with the writer the way a front-end would.</summary>
    internal static byte[] BuildWiiLinkStyleReply()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new SbListReplyWriter(output);
        writer.WriteHeader(Ip("24.171.237.122"), 55808);
        writer.WriteKeys(["dwc_pid", "numplayers", "maxplayers", "rk", "ev"]);
        writer.WritePopularValues([]);

        // Host behind another NAT: real address hidden behind search id 0x123456.
        writer.BeginServer(new SbServerEntry(SbServerEntry.DwcHostFlags(natNegotiate: true), 0x00123456));
        foreach (var value in new[] { "478516645", "3", "11", "vs", "5123" })
            writer.WriteStringValue(value);

        // Host with the requester's public IP: real addresses shown.
        writer.BeginServer(new SbServerEntry(SbServerEntry.DwcHostFlags(natNegotiate: true),
            Ip("24.171.237.122"), 60443, Ip("192.168.178.51"), 60443, 0));
        foreach (var value in new[] { "478516720", "1", "11", "vs", "4800" })
            writer.WriteStringValue(value);

        writer.WriteTerminator();
        return output.WrittenSpan.ToArray();
    }

    private static void ReadBackWiiLinkStyleReply(byte[] plaintext, JsonElement structure)
    {
        Assert.Equal(SbReplyReadStatus.Complete, SbListReplyReader.TryRead(plaintext, expectList: true, out var reply, out int consumed));
        Assert.Equal(plaintext.Length, consumed);
        Assert.Equal(Ip(structure.GetProperty("fixed_header").GetProperty("client_public_ip").GetString()!), reply!.ClientIp);
        Assert.Equal(structure.GetProperty("fixed_header").GetProperty("port").GetInt32(), reply.DefaultPort);
        Assert.Equal(structure.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("name").GetString()), reply.Keys.Select(k => k.Name));
        Assert.Empty(reply.PopularValues);
        var servers = structure.GetProperty("servers").EnumerateArray().ToList();
        Assert.Equal(servers.Count, reply.Servers.Count);
        for (int i = 0; i < servers.Count; i++)
        {
            Assert.Equal(Convert.ToByte(servers[i].GetProperty("flags_hex").GetString(), 16), (byte)reply.Servers[i].Entry.Flags);
            Assert.Equal(servers[i].GetProperty("port_field").GetInt32(), reply.Servers[i].Entry.PublicPort);
            Assert.Equal(Ip(servers[i].GetProperty("private_ip").GetString()!), reply.Servers[i].Entry.PrivateIp);
            Assert.Equal(servers[i].GetProperty("values").EnumerateArray().Select(v => v.GetString()), reply.Servers[i].Values);
        }
    }

    internal static SbRequest Parse(byte[] frame)
    {
        var result = SbRequestReader.Read(frame);
        Assert.True(result.IsSuccess, result.ToString());
        return result.Request;
    }
}
