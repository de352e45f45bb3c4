using Wiimmfi.Protocols.Mkw;
using static Wiimmfi.Tests.Protocols.MatchmakingVectors;

namespace Wiimmfi.Tests.Protocols.Mkw;

public class RacePacketTests
{
    public static IEnumerable<object[]> Vectors() =>
        Rows("mkw_race_packets", "vectors", (e, _) => e.GetProperty("name").GetString()!);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_packet_layout_and_checksum_match(string name, int index)
    {
        var vector = Element("mkw_race_packets", "vectors", index);
        byte[] packet = Hex(vector, "packet_hex_with_checksum");
        Assert.True(RacePacket.TryRead(packet, out var layout));
        Assert.Equal(vector.GetProperty("record_sizes").EnumerateArray().Select(e => (byte)e.GetInt32()), layout.RecordSizes);
        Assert.Equal(Convert.ToUInt32(vector.GetProperty("crc32_hex").GetString(), 16), layout.StoredChecksum);
        Assert.True(layout.ChecksumValid);
        Assert.Empty(layout.Findings);
        Assert.Equal(PeerDatagramKind.RacePacket, PeerDatagram.Classify(packet));
        Assert.Equal([RaceRecordKind.Header, RaceRecordKind.RaceHeader1, RaceRecordKind.RaceData, RaceRecordKind.Item, RaceRecordKind.Event],
            layout.Records.Select(r => r.Kind));

        byte[] copy = (byte[])packet.Clone();
        copy[4] = copy[5] = copy[6] = copy[7] = 0;
        RacePacket.WriteChecksum(copy);
        Assert.Equal(packet, copy);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Corrupted_packet_is_reported_not_rejected()
    {
        var vector = Element("mkw_race_packets", "vectors", 0);
        byte[] packet = Hex(vector, "packet_hex_with_checksum");
        packet[^1] ^= 0xFF;
        Assert.True(RacePacket.TryRead(packet, out var layout));
        Assert.Contains(RacePacketFinding.ChecksumMismatch, layout.Findings);
    }

    [Fact]
    public void Oversized_records_and_short_datagrams_are_flagged()
    {
        var packet = new byte[0x20];
        packet[8] = 0x10;
        packet[0x0F] = 0xFF; // EVENT larger than 0xF8 and than the datagram
        RacePacket.WriteChecksum(packet);
        Assert.True(RacePacket.TryRead(packet, out var layout));
        Assert.Contains(RacePacketFinding.RecordSizeOutOfRange, layout.Findings);
        Assert.Contains(RacePacketFinding.RecordsExceedDatagram, layout.Findings);
        Assert.False(RacePacket.TryRead(new byte[15], out _));
    }

    [Theory]
    [InlineData("fdfc1e666ab2030700000001", PeerDatagramKind.NatNegPing)]
    [InlineData("fefe68", PeerDatagramKind.Gt2Control)]          // the wiki's QUIT record = GT2 "closed"
    [InlineData("fefe000001000200", PeerDatagramKind.Gt2Reliable)]
    [InlineData("fefefefe00", PeerDatagramKind.Gt2EscapedUnreliable)]
    [InlineData("0000", PeerDatagramKind.Unknown)]
    public void Peer_datagrams_are_classified_by_their_first_bytes(string hex, PeerDatagramKind kind)
    {
        Assert.Equal(kind, PeerDatagram.Classify(Hex(hex)));
    }
}
