using System.Globalization;
using System.Text.Json;
using Wiimmfi.Protocols.Mkw;
using static Wiimmfi.Tests.Protocols.MatchmakingVectors;

namespace Wiimmfi.Tests.Protocols.Mkw;

/// <summary>Every vector of <c>mkw_match_commands.json</c>.</summary>
public class MatchCommandVectorTests
{
    public static IEnumerable<object[]> Vectors() =>
        Rows("mkw_match_commands", "vectors", (e, _) => e.GetProperty("name").GetString()!);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_is_decoded_and_rebuilt(string name, int index)
    {
        var vector = Element("mkw_match_commands", "vectors", index);
        if (vector.TryGetProperty("hex", out _))
            CapturedRecord(vector);
        else
            GpcmConstant(vector);
        Assert.NotEmpty(name);
    }

    private static void CapturedRecord(JsonElement vector)
    {
        byte[] record = Hex(vector, "hex");
        Assert.True(MatchCommandCodec.TryRead(record, out var command, out var error), error.ToString());
        var header = vector.GetProperty("header");
        Assert.Equal(MatchCommandPlatform.Wii, command.Header.Platform);
        Assert.Equal(header.GetProperty("version").GetUInt32(), command.Header.Version);
        Assert.Equal(header.GetProperty("command").GetInt32(), (int)command.Command);
        Assert.Equal(header.GetProperty("size").GetInt32(), command.Header.PayloadSize);
        Assert.Equal(header.GetProperty("qr2_port").GetInt32(), command.Header.Qr2Port);
        Assert.Equal(Ip(header.GetProperty("qr2_ip").GetString()!), command.Header.Qr2Ip);
        Assert.Equal(header.GetProperty("profile_id").GetUInt32(), command.Header.ProfileId);
        Assert.Equal(record, MatchCommandCodec.Create(command.Header, command.Payload.Span));

        var payload = vector.GetProperty("payload");
        var rebuilt = new byte[MatchCommandCodec.MaxPayloadLength];
        int length;
        if (command.Command == MatchCommandType.Reservation)
        {
            Assert.True(MatchCommandPayloads.TryReadReservation(command.Header.Version, command.Payload.Span, out var r, out _));
            Assert.Equal(payload.GetProperty("match_type").GetUInt32(), r.MatchType);
            Assert.Equal(Ip(payload.GetProperty("public_ip").GetString()!), r.PublicIp);
            Assert.Equal(payload.GetProperty("public_port").GetUInt32(), r.PublicPort);
            Assert.Equal(Ip(payload.GetProperty("local_ip").GetString()!), r.LocalIp);
            Assert.Equal(payload.GetProperty("local_port").GetUInt32(), r.LocalPort);
            Assert.Equal(payload.GetProperty("unknown_14").GetUInt32(), r.Unknown14);
            Assert.Equal(payload.GetProperty("is_friend").GetUInt32() != 0, r.IsFriend);
            Assert.Equal(payload.GetProperty("local_player_count").GetUInt32(), r.LocalPlayerCount);
            Assert.Equal(Convert.ToUInt32(payload.GetProperty("resv_check_value_hex").GetString(), 16), r.CheckValue);
            length = MatchCommandPayloads.WriteReservationV90(rebuilt, r.MatchType, r.PublicIp!.Value, (ushort)r.PublicPort!.Value,
                r.LocalIp!.Value, (ushort)r.LocalPort!.Value, r.IsFriend!.Value, r.LocalPlayerCount!.Value, r.CheckValue!.Value, r.UserData.Span);
        }
        else
        {
            Assert.True(MatchCommandPayloads.TryReadResvOk(command.Header.Version, command.Payload.Span, out var ok, out _));
            Assert.Equal(payload.GetProperty("max_players").GetUInt32(), ok.MaxPlayers);
            Assert.Equal(payload.GetProperty("sender_aid").GetUInt32(), ok.SenderAid);
            Assert.Equal(payload.GetProperty("profile_id").GetUInt32(), ok.SenderProfileId);
            Assert.Equal(command.Header.ProfileId, ok.SenderProfileId);
            Assert.Equal(Ip(payload.GetProperty("public_ip").GetString()!), ok.PublicIp);
            Assert.Equal(payload.GetProperty("public_port").GetUInt32(), ok.PublicPort);
            Assert.Equal(Ip(payload.GetProperty("local_ip").GetString()!), ok.LocalIp);
            Assert.Equal(payload.GetProperty("local_port").GetUInt32(), ok.LocalPort);
            Assert.Equal(payload.GetProperty("unknown_1c").GetUInt32(), ok.Unknown1C);
            Assert.Equal(payload.GetProperty("local_player_count").GetUInt32(), ok.LocalPlayerCount);
            Assert.Equal(payload.GetProperty("group_id").GetUInt32(), ok.GroupId);
            Assert.Equal(payload.GetProperty("receiver_new_aid").GetUInt32(), ok.ReceiverAid);
            Assert.Equal(payload.GetProperty("client_count").GetUInt32(), ok.ClientCount);
            Assert.Equal(Convert.ToUInt32(payload.GetProperty("resv_check_value").GetString(), 16), ok.CheckValue);
            length = MatchCommandPayloads.WriteResvOkV90(rebuilt, ok);
        }
        Assert.Equal(command.Payload.ToArray(), rebuilt[..length]);

        // The same payload travels in GPCM \bm\1 as "GPCM90vMAT" + command char + NWC base64.
        string gpcm = vector.GetProperty("gpcm_bm_form").GetString()!;
        Assert.StartsWith("GPCM90vMAT", gpcm);
        Assert.Equal((char)command.Command, gpcm[10]);
        Assert.Equal(command.Payload.ToArray(), NwcBase64Decode(gpcm[11..]));
    }

    private static void GpcmConstant(JsonElement vector)
    {
        string text = Unescape(vector.GetProperty("gpcm_bm_string_escaped").GetString()!);
        int commandAt = text.IndexOf("vMAT", StringComparison.Ordinal) + 4;
        uint version = uint.Parse(text.AsSpan(4, commandAt - 8), CultureInfo.InvariantCulture);
        Assert.Equal(vector.GetProperty("command").GetInt32(), text[commandAt]);
        string encoded = text[(commandAt + 1)..];
        byte[] payload = version switch
        {
            90 => NwcBase64Decode(encoded),
            11 => encoded.Length == 0 ? [] : Convert.FromHexString(encoded.Replace("/", "")),
            _ => encoded.Length == 0 ? [] : encoded.Split('/').SelectMany(d => BitConverter.GetBytes(uint.Parse(d, CultureInfo.InvariantCulture))).ToArray(),
        };
        Assert.Equal(vector.GetProperty("payload_hex").GetString(), ToHex(payload));
        Assert.True(payload.Length <= MatchCommandCodec.MaxPayloadLength);

        var type = (MatchCommandType)text[commandAt];
        if (type == MatchCommandType.ResvDeny)
        {
            var deny = MatchCommandPayloads.ReadResvDeny(payload);
            var decoded = vector.GetProperty("decoded");
            if (decoded.TryGetProperty("reason", out var reason))
                Assert.Equal((ResvDenyReason)reason.GetUInt32(), deny.Reason);
            else // v11: WiiLink reads the raw bytes 00 00 00 10 little-endian, which is not 0x10
                Assert.Equal((ResvDenyReason)0x10000000, deny.Reason);
        }
        else
        {
            Assert.Equal(MatchCommandType.ResvWait, type);
            Assert.Empty(payload);
        }
        // A record built around the payload passes the relay checks.
        var header = new MatchCommandHeader(MatchCommandPlatform.Wii, version, type, 0, 60984, Ip("85.22.130.76"), 1);
        Assert.True(MatchCommandCodec.TryRead(MatchCommandCodec.Create(header, payload), out _, out _));
    }

    /// <summary>Test-side NWC base64 (A–Z a–z 0–9 . - with * padding); the production codec lives in Common.</summary>
    private static byte[] NwcBase64Decode(string text) =>
        Convert.FromBase64String(text.Replace('.', '+').Replace('-', '/').Replace('*', '='));

    private static string Unescape(string escaped)
    {
        var builder = new System.Text.StringBuilder();
        for (int i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 3 < escaped.Length && escaped[i + 1] == 'x')
            {
                builder.Append((char)Convert.ToByte(escaped.Substring(i + 2, 2), 16));
                i += 3;
            }
            else
            {
                builder.Append(escaped[i]);
            }
        }
        return builder.ToString();
    }
}
