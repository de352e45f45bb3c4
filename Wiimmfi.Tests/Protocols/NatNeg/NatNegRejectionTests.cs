using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Tests.Protocols.NatNeg;

public class NatNegRejectionTests
{
    // The captured MKW INIT (natneg_packets.json, INIT_sample).
    private static byte[] CapturedInit() =>
        Convert.FromHexString("fdfc1e666ab203003df100710000010a0001e200006d6172696f6b61727477696900");

    private static NatNegRejectReason ReasonFor(byte[] datagram)
    {
        var result = NatNegParser.Parse(datagram);
        Assert.False(result.IsAccepted);
        return result.Reason;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(11)]
    public void Datagram_shorter_than_the_header_is_refused_as_too_short(int length)
    {
        Assert.Equal(NatNegRejectReason.TooShort, ReasonFor(CapturedInit()[..length]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Datagram_with_a_wrong_magic_byte_is_refused_as_bad_magic(int index)
    {
        var datagram = CapturedInit();
        datagram[index] ^= 0x01;

        Assert.Equal(NatNegRejectReason.BadMagic, ReasonFor(datagram));
    }

    [Fact]
    public void A_qr2_packet_sent_to_the_natneg_port_is_refused_as_bad_magic()
    {
        // QR2 heartbeat shape: type 3, instance key, then text.
        byte[] qr2 = [0x03, 0x12, 0x34, 0x56, 0x78, (byte)'l', (byte)'o', (byte)'c', (byte)'a', (byte)'l', 0, 0];

        Assert.Equal(NatNegRejectReason.BadMagic, ReasonFor(qr2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(255)]
    public void Unknown_version_is_refused(byte version)
    {
        var datagram = CapturedInit();
        datagram[6] = version;

        Assert.Equal(NatNegRejectReason.UnsupportedVersion, ReasonFor(datagram));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(0x80)]
    [InlineData(255)]
    public void Unknown_type_is_refused(byte type)
    {
        var datagram = CapturedInit();
        datagram[7] = type;

        Assert.Equal(NatNegRejectReason.UnknownType, ReasonFor(datagram));
    }

    [Fact]
    public void Datagram_longer_than_the_sdk_buffer_is_refused()
    {
        var datagram = new byte[NatNegWire.MaxPacketSize + 1];
        CapturedInit().CopyTo(datagram, 0);

        Assert.Equal(NatNegRejectReason.TooLong, ReasonFor(datagram));
    }

    [Theory]
    [InlineData(NatNegPacketType.Init, 20)]
    [InlineData(NatNegPacketType.InitAck, 20)]
    [InlineData(NatNegPacketType.AddressCheck, 12)]
    [InlineData(NatNegPacketType.Connect, 19)]
    [InlineData(NatNegPacketType.ConnectPing, 12)]
    [InlineData(NatNegPacketType.Report, 20)]
    [InlineData(NatNegPacketType.PreInit, 17)]
    public void Body_shorter_than_its_type_needs_is_refused(NatNegPacketType type, int length)
    {
        var datagram = new byte[length];
        CapturedInit()[..12].CopyTo(datagram, 0);
        datagram[6] = 4; // version 4 knows every type
        datagram[7] = (byte)type;

        Assert.Equal(NatNegRejectReason.BodyTooShort, ReasonFor(datagram));
    }

    [Fact]
    public void Init_with_port_type_above_nn3_is_refused()
    {
        var datagram = CapturedInit();
        datagram[12] = 4;

        Assert.Equal(NatNegRejectReason.InvalidPortType, ReasonFor(datagram));
    }

    [Fact]
    public void Init_with_use_game_port_other_than_0_or_1_is_refused()
    {
        var datagram = CapturedInit();
        datagram[14] = 2;

        Assert.Equal(NatNegRejectReason.InvalidUseGamePort, ReasonFor(datagram));
    }

    [Fact]
    public void Game_port_init_from_a_console_that_does_not_use_its_game_port_is_refused()
    {
        var datagram = CapturedInit();
        datagram[14] = 0; // port type stays GP

        Assert.Equal(NatNegRejectReason.GamePortWithoutUseGamePort, ReasonFor(datagram));
    }

    [Fact]
    public void Init_with_an_overlong_game_name_is_refused()
    {
        var datagram = new byte[NatNegWire.InitSize + NatNegWire.MaxGameNameLength + 1];
        CapturedInit()[..NatNegWire.InitSize].CopyTo(datagram, 0);
        datagram.AsSpan(NatNegWire.InitSize).Fill((byte)'a');

        Assert.Equal(NatNegRejectReason.GameNameTooLong, ReasonFor(datagram));
    }

    [Fact]
    public void Init_game_name_without_nul_ends_with_the_datagram()
    {
        var datagram = CapturedInit()[..^1];

        var init = Assert.IsType<NatNegInitPacket>(NatNegParser.Parse(datagram).Packet);

        Assert.Equal("mariokartwii", init.GameName);
        Assert.Equal(datagram, init.ToArray());
    }

    [Fact]
    public void Init_without_a_game_name_is_accepted_with_an_empty_name()
    {
        var init = Assert.IsType<NatNegInitPacket>(NatNegParser.Parse(CapturedInit()[..NatNegWire.InitSize]).Packet);

        Assert.Equal("", init.GameName);
    }

    [Fact]
    public void Every_truncation_and_bit_flip_of_every_vector_parses_or_is_refused_without_throwing()
    {
        var samples = NatNegVectors.DecodedNames()
            .Select(name => Convert.FromHexString(NatNegVectors.Get(name).GetProperty("hex").GetString()!))
            .ToList();
        var checkedCount = 0;
        foreach (var sample in samples)
        {
            for (var length = 0; length <= sample.Length; length++)
            {
                Check(sample[..length]);
            }
            for (var bit = 0; bit < sample.Length * 8; bit++)
            {
                var flipped = (byte[])sample.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                Check(flipped);
            }
        }
        Assert.True(checkedCount > 1000);

        void Check(byte[] datagram)
        {
            var result = NatNegParser.Parse(datagram);
            Assert.True(result.IsAccepted != (result.Reason != NatNegRejectReason.None));
            if (result.IsAccepted)
            {
                // Whatever was accepted can be written back without error.
                Assert.Equal(result.Packet.WireLength, result.Packet.ToArray().Length);
            }
            checkedCount++;
        }
    }

    [Fact]
    public void Reject_reason_numbers_are_frozen()
    {
        // Metrics label dropped packets by these numbers; changing one breaks dashboards.
        Assert.Equal(
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            Enum.GetValues<NatNegRejectReason>().Select(r => (int)r).ToArray());
        Assert.Equal(
            "None TooShort BadMagic TooLong UnsupportedVersion UnknownType BodyTooShort InvalidPortType InvalidUseGamePort GamePortWithoutUseGamePort GameNameTooLong",
            string.Join(' ', Enum.GetNames<NatNegRejectReason>()));
    }
}
