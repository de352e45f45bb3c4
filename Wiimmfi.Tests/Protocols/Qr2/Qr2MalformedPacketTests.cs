using System.Text;
using Wiimmfi.Protocols.Qr2;
using static Wiimmfi.Tests.Protocols.MatchmakingVectors;

namespace Wiimmfi.Tests.Protocols.Qr2;

public class Qr2MalformedPacketTests
{
    private static Qr2ParseError ErrorOf(byte[] datagram)
    {
        var result = Qr2ClientPacketReader.Read(datagram);
        Assert.False(result.IsSuccess);
        Assert.NotNull(result.Detail);
        return result.Error;
    }

    private static byte[] Heartbeat(params string[] stringsAfterHeader)
    {
        var bytes = new List<byte> { 0x03, 1, 2, 3, 4 };
        foreach (var s in stringsAfterHeader)
        {
            bytes.AddRange(Encoding.Latin1.GetBytes(s));
            bytes.Add(0);
        }
        return [.. bytes];
    }

    [Theory]
    [InlineData("")]
    [InlineData("03")]
    [InlineData("03010203")]
    public void Datagram_shorter_than_the_header_is_refused(string hex)
    {
        Assert.Equal(Qr2ParseError.TooShort, ErrorOf(Hex(hex)));
    }

    [Fact]
    public void Datagram_longer_than_the_sdk_maximum_is_refused()
    {
        var big = new byte[Qr2Limits.MaxDatagramLength + 1];
        big[0] = 0x03;
        Assert.Equal(Qr2ParseError.TooLong, ErrorOf(big));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x02)]
    [InlineData(0x04)]
    [InlineData(0x06)]
    [InlineData(0x0A)]
    [InlineData(0x10)]
    [InlineData(0xFE)]
    public void Server_to_client_and_unknown_types_are_refused(byte type)
    {
        Assert.Equal(Qr2ParseError.UnsupportedType, ErrorOf([type, 0, 0, 0, 0, 1, 2]));
    }

    [Fact]
    public void Client_message_ack_without_message_key_is_refused()
    {
        Assert.Equal(Qr2ParseError.TooShort, ErrorOf(Hex("07c480b55c036c79")));
    }

    [Fact]
    public void Availability_check_without_gamename_is_refused()
    {
        Assert.Equal(Qr2ParseError.MissingField, ErrorOf(Hex("090000000000")));
    }

    [Fact]
    public void Overlong_value_is_refused()
    {
        Assert.Equal(Qr2ParseError.StringTooLong, ErrorOf(Heartbeat("rk", new string('v', Qr2Limits.MaxValueLength + 1), "")));
    }

    [Fact]
    public void Overlong_key_is_refused()
    {
        Assert.Equal(Qr2ParseError.StringTooLong, ErrorOf(Heartbeat(new string('k', Qr2Limits.MaxKeyLength + 1), "1", "")));
    }

    [Fact]
    public void Too_many_keys_are_refused()
    {
        var strings = new List<string>();
        for (int i = 0; i <= Qr2Limits.MaxServerKeys; i++)
        {
            strings.Add("k" + i);
            strings.Add("1");
        }
        strings.Add("");
        Assert.Equal(Qr2ParseError.TooManyKeys, ErrorOf(Heartbeat([.. strings])));
    }

    [Fact]
    public void Player_section_declaring_too_many_rows_is_refused()
    {
        var bytes = Heartbeat("gamename", "mariokartwii", "").Concat(new byte[] { 0x01, 0x00, (byte)'p', (byte)'_', 0, 0 }).ToArray();
        Assert.Equal(Qr2ParseError.SectionTooLarge, ErrorOf(bytes));
    }

    [Fact]
    public void Player_section_missing_values_is_refused()
    {
        // two players declared with one key, only one value present
        var bytes = Heartbeat("gamename", "mariokartwii", "").Concat(new byte[] { 0x00, 0x02, (byte)'p', (byte)'_', 0, 0, (byte)'a', 0 }).ToArray();
        Assert.Equal(Qr2ParseError.Truncated, ErrorOf(bytes));
    }

    [Fact]
    public void Player_section_with_a_single_count_byte_is_refused()
    {
        var bytes = Heartbeat("gamename", "mariokartwii", "").Concat(new byte[] { 0x05 }).ToArray();
        Assert.Equal(Qr2ParseError.Truncated, ErrorOf(bytes));
    }

    [Fact]
    public void Heartbeat_without_final_terminator_keeps_the_keys_it_has()
    {
        var bytes = Hex("0301020304") .Concat(Encoding.ASCII.GetBytes("gamename\0mariokartwii\0rk\0vs")).ToArray();
        var heartbeat = Assert.IsType<Qr2Heartbeat>(Qr2PacketVectorTests.ParseClient(bytes));
        Assert.Equal("mariokartwii", heartbeat.GameName);
        Assert.Equal("vs", heartbeat.GetValue("rk"));
    }

    [Fact]
    public void Reserved_and_duplicate_keys_are_dropped_and_counted()
    {
        var heartbeat = Assert.IsType<Qr2Heartbeat>(Qr2PacketVectorTests.ParseClient(
            Heartbeat("+authenticated", "1", "rk", "vs", "rk", "bt", "")));
        Assert.Equal("vs", heartbeat.GetValue("rk"));
        Assert.Null(heartbeat.GetValue("+authenticated"));
        Assert.Equal(2, heartbeat.IgnoredKeyCount);
        Assert.Single(heartbeat.ServerKeys);
    }

    [Fact]
    public void Player_and_team_sections_round_trip()
    {
        var players = new Qr2KeyTable(["player_", "score_"], [["alice", "10"], ["bob", "7"]]);
        var teams = new Qr2KeyTable(["team_t"], [["red"]]);
        byte[] wire = Qr2ClientPacketWriter.Heartbeat(new Qr2InstanceKey(0x01020304),
            [new("gamename", "test"), new("numplayers", "2")], players, teams);

        var heartbeat = Assert.IsType<Qr2Heartbeat>(Qr2PacketVectorTests.ParseClient(wire));
        Assert.Equal(2, heartbeat.Players.Count);
        Assert.Equal("bob", heartbeat.Players.GetValue(1, "player_"));
        Assert.Equal("10", heartbeat.Players.GetValue(0, "score_"));
        Assert.Equal("red", heartbeat.Teams.GetValue(0, "team_t"));
        Assert.Equal(Qr2StateChange.Periodic, heartbeat.StateChanged);
    }

    [Fact]
    public void High_bytes_in_values_survive_the_round_trip_unchanged()
    {
        var raw = Hex("0301020304").Concat(new byte[] { (byte)'n', 0, 0xE9, 0xFF, 0x80, 0, 0 }).ToArray();
        var heartbeat = Assert.IsType<Qr2Heartbeat>(Qr2PacketVectorTests.ParseClient(raw));
        Assert.Equal(raw, Qr2ClientPacketWriter.Heartbeat(heartbeat.InstanceKey, heartbeat.ServerKeys));
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(1234);
        for (int i = 0; i < 20000; i++)
        {
            var datagram = new byte[random.Next(0, 80)];
            random.NextBytes(datagram);
            if (datagram.Length > 0 && random.Next(2) == 0)
                datagram[0] = (byte)random.Next(0, 11);
            _ = Qr2ClientPacketReader.Read(datagram);
            _ = Qr2ServerPacketReader.Read(datagram);
        }
    }

    [Fact]
    public void Server_packet_without_magic_is_dropped_like_the_sdk_does()
    {
        var result = Qr2ServerPacketReader.Read(Hex("fefe0a822b3e31"));
        Assert.Equal(Qr2ParseError.Malformed, result.Error);
    }

    [Fact]
    public void Client_message_data_larger_than_the_console_buffer_cannot_be_built()
    {
        Assert.Throws<ArgumentException>(() =>
            Qr2ServerPacketWriter.ClientMessage(default, 1, new byte[Qr2Limits.MaxClientMessageDataLength + 1]));
        Assert.Equal(Qr2Limits.MaxServerPacketLength,
            Qr2ServerPacketWriter.ClientMessage(default, 1, new byte[Qr2Limits.MaxClientMessageDataLength]).Length);
    }
}
