using Wiimmfi.Protocols.Mkw;
using static Wiimmfi.Tests.Protocols.MatchmakingVectors;

namespace Wiimmfi.Tests.Protocols.Mkw;

public class MatchCommandCodecTests
{
    private static readonly MatchCommandHeader Header =
        new(MatchCommandPlatform.Wii, 90, MatchCommandType.ResvOk, 0, 60443, 0x5516824C, 478516720);

    private static MatchCommandError ErrorOf(byte[] record)
    {
        Assert.False(MatchCommandCodec.TryRead(record, out _, out var error));
        return error;
    }

    [Fact]
    public void Largest_allowed_payload_is_accepted()
    {
        byte[] record = MatchCommandCodec.Create(Header, new byte[MatchCommandCodec.MaxPayloadLength]);
        Assert.True(MatchCommandCodec.TryRead(record, out var command, out _));
        Assert.Equal(0x80, command.Header.PayloadSize);
    }

    [Fact]
    public void Payload_over_0x80_bytes_is_refused_because_it_crashes_unpatched_consoles()
    {
        byte[] record = new byte[MatchCommandCodec.HeaderLength + 0x84];
        MatchCommandCodec.Write(record, Header, new byte[0x80]);
        record[9] = 0x84;
        Assert.Equal(MatchCommandError.TooLong, ErrorOf(record));
        Assert.Throws<ArgumentException>(() => MatchCommandCodec.Create(Header, new byte[0x84]));
    }

    [Fact]
    public void Size_byte_must_match_the_record_length()
    {
        byte[] record = MatchCommandCodec.Create(Header, new byte[8]);
        record[9] = 12;
        Assert.Equal(MatchCommandError.SizeMismatch, ErrorOf(record));
    }

    [Fact]
    public void Payload_length_must_be_a_multiple_of_four()
    {
        byte[] record = [.. MatchCommandCodec.Create(Header, new byte[4]), 0xAA];
        record[9] = 5;
        Assert.Equal(MatchCommandError.SizeNotMultipleOfFour, ErrorOf(record));
        Assert.Throws<ArgumentException>(() => MatchCommandCodec.Create(Header, new byte[5]));
    }

    [Fact]
    public void Unknown_identifier_and_version_are_refused()
    {
        byte[] record = MatchCommandCodec.Create(Header, []);
        record[0] = 0x00;
        Assert.Equal(MatchCommandError.BadIdentifier, ErrorOf(record));

        record = MatchCommandCodec.Create(Header, []);
        record[4] = 91;
        Assert.Equal(MatchCommandError.UnsupportedVersion, ErrorOf(record));
        Assert.Equal(MatchCommandError.TooShort, ErrorOf(record[..0x13]));
    }

    [Fact]
    public void Ds_records_use_the_sbcm_identifier()
    {
        var header = Header with { Platform = MatchCommandPlatform.Ds, Version = 3 };
        byte[] record = MatchCommandCodec.Create(header, new byte[4]);
        Assert.Equal("SBCM"u8.ToArray(), record[..4]);
        Assert.True(MatchCommandCodec.TryRead(record, out var command, out _));
        Assert.Equal(MatchCommandPlatform.Ds, command.Header.Platform);
    }

    [Fact]
    public void Tell_addr_round_trips_and_refuses_impossible_ports()
    {
        var payload = new byte[8];
        MatchCommandPayloads.WriteTellAddr(payload, Ip("192.168.1.30"), 54321);
        Assert.Equal("c0a8011e31d40000", ToHex(payload));
        Assert.True(MatchCommandPayloads.TryReadTellAddr(payload, out var tell, out _));
        Assert.Equal((Ip("192.168.1.30"), 54321u), (tell.LocalIp, tell.LocalPort));
        payload[6] = 1;
        Assert.False(MatchCommandPayloads.TryReadTellAddr(payload, out _, out var error));
        Assert.Equal(MatchCommandError.BadValue, error);
    }

    [Fact]
    public void Resv_deny_reason_is_optional()
    {
        Assert.Null(MatchCommandPayloads.ReadResvDeny([]).Reason);
        var payload = new byte[4];
        MatchCommandPayloads.WriteResvDeny(payload, ResvDenyReason.RoomFull);
        Assert.Equal(ResvDenyReason.RoomFull, MatchCommandPayloads.ReadResvDeny(payload).Reason);
    }

    [Fact]
    public void Suspend_match_has_a_short_and_a_long_form()
    {
        Assert.True(MatchCommandPayloads.TryReadSuspendMatch(Hex("a595851c01000000"), out var brief, out _));
        Assert.Equal((478516645u, true, (uint?)null), (brief.HostProfileId, brief.IsHost, brief.SuspendValue));
        Assert.True(MatchCommandPayloads.TryReadSuspendMatch(Hex("a595851c000000000100000002000000"), out var full, out _));
        Assert.Equal((false, (uint?)1, (uint?)2), (full.IsHost, full.SuspendValue, full.ClientAid));
        Assert.False(MatchCommandPayloads.TryReadSuspendMatch(Hex("a595851c"), out _, out _));
    }

    [Fact]
    public void Closed_client_list_is_bounded()
    {
        Assert.True(MatchCommandPayloads.TryReadScCloseClient(Hex("0100000002000000"), out var closed, out _));
        Assert.Equal([1u, 2u], closed.ProfileIds);
        Assert.False(MatchCommandPayloads.TryReadScCloseClient(new byte[4 * 33], out _, out var error));
        Assert.Equal(MatchCommandError.BadValue, error);
    }

    [Fact]
    public void Older_versions_decode_their_own_reservation_layout()
    {
        // v11: match type, public ip, port, is-friend, local player count, user data
        Assert.True(MatchCommandPayloads.TryReadReservation(11, Hex("00000000" + "5516824c" + "38ee0000" + "01000000" + "02000000" + "aabbccdd"), out var v11, out _));
        Assert.Equal((true, (uint?)2, (uint?)60984), (v11.IsFriend!.Value, v11.LocalPlayerCount, v11.PublicPort));
        Assert.Equal(Hex("aabbccdd"), v11.UserData.ToArray());

        // v3 may stop after the match type
        Assert.True(MatchCommandPayloads.TryReadReservation(3, Hex("01000000"), out var v3, out _));
        Assert.Equal((1u, (uint?)null), (v3.MatchType, v3.PublicIp));

        Assert.False(MatchCommandPayloads.TryReadReservation(90, new byte[0x20], out _, out var error));
        Assert.Equal(MatchCommandError.TooShort, error);
    }

    [Fact]
    public void Older_versions_decode_their_own_resv_ok_layout_with_bounded_id_lists()
    {
        // v11: count 1, pid, ip, port, is-friend, sender aid, group id, max players
        string v11 = "01000000" + "f095851c" + "5516824c" + "1bec0000" + "00000000" + "00000000" + "98e1a222" + "0b000000";
        Assert.True(MatchCommandPayloads.TryReadResvOk(11, Hex(v11), out var ok, out _));
        Assert.Equal([478516720u], ok.ClientProfileIds);
        Assert.Equal((uint?)581099928, ok.GroupId);
        Assert.Equal((uint?)11, ok.MaxPlayers);

        Assert.False(MatchCommandPayloads.TryReadResvOk(3, Hex("1e000000"), out _, out var error)); // 30 ids > 29
        Assert.Equal(MatchCommandError.BadValue, error);
        Assert.False(MatchCommandPayloads.TryReadResvOk(3, Hex("02000000" + "01000000"), out _, out error));
        Assert.Equal(MatchCommandError.TooShort, error);
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(5);
        for (int i = 0; i < 20000; i++)
        {
            var data = new byte[random.Next(0, 160)];
            random.NextBytes(data);
            if (data.Length >= 10 && random.Next(2) == 0)
            {
                MatchCommandCodec.WiiIdentifier.CopyTo(data);
                data[4] = 90;
                data[5] = data[6] = data[7] = 0;
                data[9] = (byte)(data.Length - 0x14);
            }
            _ = MatchCommandCodec.TryRead(data, out _, out _);
            uint version = (uint)random.Next(0, 3) switch { 0 => 3, 1 => 11, _ => 90 };
            _ = MatchCommandPayloads.TryReadReservation(version, data, out _, out _);
            _ = MatchCommandPayloads.TryReadResvOk(version, data, out _, out _);
            _ = MatchCommandPayloads.TryReadTellAddr(data, out _, out _);
            _ = MatchCommandPayloads.TryReadSuspendMatch(data, out _, out _);
            _ = MatchCommandPayloads.TryReadScCloseClient(data, out _, out _);
            _ = RacePacket.TryRead(data, out _);
            _ = PeerDatagram.Classify(data);
        }
    }
}
