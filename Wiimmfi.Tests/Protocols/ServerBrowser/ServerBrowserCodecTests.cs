using System.Buffers;
using Wiimmfi.Protocols.ServerBrowser;
using static Wiimmfi.Tests.Protocols.MatchmakingVectors;

namespace Wiimmfi.Tests.Protocols.ServerBrowser;

public class ServerBrowserCodecTests
{
    private static readonly byte[] Challenge = "R!a#b3c&"u8.ToArray();

    [Fact]
    public void Framer_waits_for_the_whole_request_and_then_reports_its_length()
    {
        byte[] frame = SbRequestWriter.SendMessage(0x00123456, 0, Hex("fdfc1e666ab23df10071"));
        for (int cut = 0; cut < frame.Length; cut++)
            Assert.Equal(SbFrameStatus.NeedMoreData, SbRequestFramer.TryReadFrame(frame.AsSpan(0, cut), out _));
        byte[] twoFrames = [.. frame, .. frame];
        Assert.Equal(SbFrameStatus.Complete, SbRequestFramer.TryReadFrame(twoFrames, out int length));
        Assert.Equal(frame.Length, length);
    }

    [Fact]
    public void Framer_splits_a_pipeline_sequence_without_copying()
    {
        byte[] frame = SbRequestWriter.ServerInfo(0x01020304, 6500);
        var sequence = new ReadOnlySequence<byte>([.. frame, 0x00]);
        Assert.Equal(SbFrameStatus.Complete, SbRequestFramer.TryReadFrame(sequence, out var slice));
        Assert.Equal(frame, slice.ToArray());
        Assert.Equal(SbFrameStatus.NeedMoreData, SbRequestFramer.TryReadFrame(sequence.Slice(0, 5), out _));
    }

    [Theory]
    [InlineData("0000")]
    [InlineData("0002")]
    [InlineData("0801")] // 2049 bytes: over the bound
    [InlineData("ffff")]
    public void Length_field_out_of_bounds_means_close_the_connection(string head)
    {
        Assert.Equal(SbFrameStatus.Invalid, SbRequestFramer.TryReadFrame(Hex(head + "00"), out _));
    }

    [Fact]
    public void Frame_whose_length_field_disagrees_is_refused()
    {
        Assert.Equal(SbParseError.BadLength, SbRequestReader.Read(Hex("0005000102")[..4]).Error);
    }

    [Theory]
    [InlineData(0x04)]
    [InlineData(0x05)]
    [InlineData(0x7F)]
    public void Unserved_request_types_are_reported_for_logging(byte type)
    {
        var result = SbRequestReader.Read([0x00, 0x04, type, 0x00]);
        Assert.Equal(SbParseError.UnsupportedType, result.Error);
    }

    [Fact]
    public void Every_truncation_of_a_list_request_is_refused_without_throwing()
    {
        byte[] frame = SbRequestWriter.ServerList("mariokartwii", "mariokartwii", Challenge, "dwc_pid = 1",
            ["dwc_pid", "rk"], SbListOptions.LimitResultCount | SbListOptions.AlternateSourceIp, 0x0A000001, 6);
        Assert.IsType<SbServerListRequest>(ServerBrowserPacketVectorTests.Parse(frame));
        for (int cut = 3; cut < frame.Length; cut++)
        {
            byte[] truncated = frame[..cut];
            truncated[0] = (byte)(cut >> 8);
            truncated[1] = (byte)cut;
            var result = SbRequestReader.Read(truncated);
            Assert.False(result.IsSuccess, $"cut at {cut}");
            Assert.Contains(result.Error, new[] { SbParseError.Truncated, SbParseError.MissingField });
        }
    }

    [Fact]
    public void Alternate_source_ip_comes_before_the_result_limit_as_the_sdk_writes_them()
    {
        byte[] frame = SbRequestWriter.ServerList("mariokartwii", "mariokartwii", Challenge, "",
            [], SbListOptions.LimitResultCount | SbListOptions.AlternateSourceIp, Ip("10.0.0.1"), 6);
        var request = Assert.IsType<SbServerListRequest>(ServerBrowserPacketVectorTests.Parse(frame));
        Assert.Equal(Ip("10.0.0.1"), request.AlternateSourceIp);
        Assert.Equal(6, request.MaxResults);
        Assert.Empty(request.Fields);
        Assert.Equal("", request.Filter);
    }

    [Fact]
    public void No_server_list_request_is_recognised()
    {
        byte[] frame = SbRequestWriter.ServerList("mariokartwii", "mariokartwii", Challenge, "", [], SbListOptions.NoServerList);
        Assert.True(Assert.IsType<SbServerListRequest>(ServerBrowserPacketVectorTests.Parse(frame)).WantsNoServerList);
    }

    [Fact]
    public void Address_and_internal_keys_are_never_listable()
    {
        byte[] frame = SbRequestWriter.ServerList("mariokartwii", "mariokartwii", Challenge, "",
            ["dwc_pid", "publicip", "publicport", "localip0", "localip1", "localport", "+searchid", "rk"], SbListOptions.None);
        var request = Assert.IsType<SbServerListRequest>(ServerBrowserPacketVectorTests.Parse(frame));
        Assert.Equal(["dwc_pid", "rk"], request.ListableFields);
    }

    [Fact]
    public void Too_many_fields_are_refused()
    {
        var fields = Enumerable.Range(0, SbLimits.MaxFields + 1).Select(i => "k" + i);
        byte[] frame = SbRequestWriter.ServerList("g", "g", Challenge, "", fields, SbListOptions.None);
        Assert.Equal(SbParseError.TooManyFields, SbRequestReader.Read(frame).Error);
    }

    [Fact]
    public void Overlong_gamename_is_refused()
    {
        byte[] frame = SbRequestWriter.ServerList(new string('g', SbLimits.MaxGameNameLength + 1), "g", Challenge, "", [], SbListOptions.None);
        Assert.Equal(SbParseError.StringTooLong, SbRequestReader.Read(frame).Error);
    }

    [Fact]
    public void Filter_longer_than_the_sdk_limit_still_parses_so_the_caller_can_answer_with_an_empty_list()
    {
        string filter = string.Join(" and ", Enumerable.Range(0, 60).Select(i => $"k{i} = {i}"));
        Assert.True(filter.Length > 511);
        byte[] frame = SbRequestWriter.ServerList("g", "g", Challenge, filter, [], SbListOptions.None);
        Assert.Equal(filter, Assert.IsType<SbServerListRequest>(ServerBrowserPacketVectorTests.Parse(frame)).Filter);
    }

    [Fact]
    public void Send_message_without_data_or_with_too_much_data_is_refused()
    {
        Assert.Equal(SbParseError.MissingField, SbRequestReader.Read(SbRequestWriter.SendMessage(1, 2, [])).Error);
        Assert.Equal(SbParseError.DataTooLong,
            SbRequestReader.Read(SbRequestWriter.SendMessage(1, 2, new byte[SbLimits.MaxSendMessageDataLength + 1])).Error);
        Assert.True(SbRequestReader.Read(SbRequestWriter.SendMessage(1, 2, new byte[SbLimits.MaxSendMessageDataLength])).IsSuccess);
    }

    [Fact]
    public void Server_info_request_round_trips()
    {
        var request = Assert.IsType<SbServerInfoRequest>(ServerBrowserPacketVectorTests.Parse(SbRequestWriter.ServerInfo(Ip("1.2.3.4"), 6500)));
        Assert.Equal((Ip("1.2.3.4"), (ushort)6500), (request.Ip, request.Port));
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(99);
        for (int i = 0; i < 20000; i++)
        {
            var frame = new byte[random.Next(3, 120)];
            random.NextBytes(frame);
            frame[0] = (byte)(frame.Length >> 8);
            frame[1] = (byte)frame.Length;
            frame[2] = (byte)random.Next(0, 4);
            _ = SbRequestReader.Read(frame);
            _ = SbListReplyReader.TryRead(frame, expectList: true, out _, out _);
        }
    }

    [Fact]
    public void Error_reply_carries_port_ffff_and_the_message()
    {
        var output = new ArrayBufferWriter<byte>();
        SbListReplyWriter.WriteError(output, Ip("85.22.130.76"), "Unknown game");
        Assert.Equal("5516824cffff" + ToHex("Unknown game"u8) + "00", ToHex(output.WrittenSpan));
        Assert.Equal(SbReplyReadStatus.Complete, SbListReplyReader.TryRead(output.WrittenSpan, true, out var reply, out _));
        Assert.Equal("Unknown game", reply!.Error);
    }

    [Fact]
    public void Popular_values_are_sent_as_index_bytes_and_read_back()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new SbListReplyWriter(output);
        writer.WriteHeader(1);
        writer.WriteKeys(["rk", "ev"]);
        writer.WritePopularValues(["vs", "bt"]);
        writer.BeginServer(new SbServerEntry(SbServerFlags.HasKeys, 0x00000001));
        writer.WriteStringValue("bt");
        writer.WriteStringValue("5000");
        writer.WriteTerminator();

        // header, keys, popular table, then: flags 40, ip, index 01, FF "5000" 00, terminator
        Assert.EndsWith("40000000010" + "1ff3530303000" + "00ffffffff", ToHex(output.WrittenSpan));
        Assert.Equal(SbReplyReadStatus.Complete, SbListReplyReader.TryRead(output.WrittenSpan, true, out var reply, out _));
        Assert.Equal(["bt", "5000"], reply!.Servers[0].Values);
    }

    [Fact]
    public void Byte_and_short_keys_and_full_rules_round_trip()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new SbListReplyWriter(output);
        writer.WriteHeader(1);
        writer.WriteKeys([new SbKey("numplayers", SbKeyType.Byte), new SbKey("hostport", SbKeyType.Short), new SbKey("rk", SbKeyType.String)]);
        writer.WritePopularValues([]);
        writer.BeginServer(new SbServerEntry(SbServerFlags.HasKeys | SbServerFlags.HasFullRules | SbServerFlags.NonStandardPort, 7, 1234));
        writer.WriteByteValue(3);
        writer.WriteShortValue(6500);
        writer.WriteStringValue("vs");
        writer.WriteRule("gamename", "mariokartwii");
        writer.EndRules();
        writer.WriteTerminator();

        Assert.Equal(SbReplyReadStatus.Complete, SbListReplyReader.TryRead(output.WrittenSpan, true, out var reply, out _));
        var server = Assert.Single(reply!.Servers);
        Assert.Equal(1234, server.Entry.PublicPort);
        Assert.Equal(["3", "6500", "vs"], server.Values);
        Assert.Equal([new KeyValuePair<string, string>("gamename", "mariokartwii")], server.Rules);
    }

    [Fact]
    public void Writer_refuses_entries_with_missing_values()
    {
        var writer = new SbListReplyWriter(new ArrayBufferWriter<byte>());
        writer.WriteHeader(1);
        writer.WriteKeys(["a", "b"]);
        writer.WritePopularValues([]);
        writer.BeginServer(new SbServerEntry(SbServerFlags.HasKeys, 1));
        writer.WriteStringValue("x");
        Assert.Throws<InvalidOperationException>(writer.WriteTerminator);
    }

    [Fact]
    public void Values_with_an_embedded_nul_are_cut_rather_than_corrupting_the_list()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new SbListReplyWriter(output);
        writer.WriteHeader(1);
        writer.WriteKeys(["rk"]);
        writer.WritePopularValues([]);
        writer.BeginServer(new SbServerEntry(SbServerFlags.HasKeys, 1));
        writer.WriteStringValue("vs\0evil");
        writer.WriteTerminator();
        Assert.Equal(SbReplyReadStatus.Complete, SbListReplyReader.TryRead(output.WrittenSpan, true, out var reply, out _));
        Assert.Equal(["vs"], reply!.Servers[0].Values);
    }

    [Fact]
    public void List_reply_reader_waits_for_the_terminator()
    {
        byte[] reply = ServerBrowserPacketVectorTests.BuildWiiLinkStyleReply();
        for (int cut = 0; cut < reply.Length; cut++)
            Assert.Equal(SbReplyReadStatus.NeedMoreData, SbListReplyReader.TryRead(reply.AsSpan(0, cut), true, out _, out _));
    }

    [Fact]
    public void Server_info_answer_is_a_push_server_message_with_full_rules()
    {
        var output = new ArrayBufferWriter<byte>();
        SbAdHocMessageWriter.WriteServerInfo(output, new SbServerEntry(SbServerFlags.NonStandardPort, Ip("85.22.130.76"), 60984),
            [new("gamename", "mariokartwii"), new("rk", "vs")]);

        Assert.Equal(SbReplyReadStatus.Complete, SbListReplyReader.TryReadAdHoc(output.WrittenSpan, out var type, out var payload, out int consumed));
        Assert.Equal(SbAdHocMessageType.PushServer, type);
        Assert.Equal(output.WrittenCount, consumed);
        Assert.True(SbListReplyReader.TryReadPushServer(payload, [], out var server));
        Assert.Equal(SbServerFlags.NonStandardPort | SbServerFlags.HasFullRules, server!.Entry.Flags);
        Assert.Equal(60984, server.Entry.PublicPort);
        Assert.Equal("vs", server.Rules.Single(r => r.Key == "rk").Value);
    }

    [Fact]
    public void Delete_server_and_push_keys_messages_have_their_layouts()
    {
        var output = new ArrayBufferWriter<byte>();
        SbAdHocMessageWriter.WriteDeleteServer(output, Ip("1.2.3.4"), 6500);
        Assert.Equal("000904010203041964", ToHex(output.WrittenSpan));
        output.Clear();
        SbAdHocMessageWriter.WritePushKeys(output, [new SbKey("rk", SbKeyType.String)]);
        Assert.Equal("000801" + "01" + "00726b00", ToHex(output.WrittenSpan));
    }
}
