using System.Text.Json;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Tests.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Gpcm;

public class GpcmMatchCommandTextTests
{
    public static TheoryData<int, string> GpcmVectors => VectorFile.Rows("gpcm_match_command", v => v.GetProperty("name").GetString()!);

    public static TheoryData<int, string> MkwVectors => VectorFile.Rows("mkw_match_commands", v => v.GetProperty("name").GetString()!);

    private static GpcmMatchCommandError ParseError(string text, int maxPayloadBytes = GpcmMatchCommandText.MaxRelayPayloadBytes)
    {
        GpcmMatchCommandText.TryParse(text, out _, out var error, maxPayloadBytes);
        return error;
    }

    private static string MessageText(JsonElement expected) =>
        expected.OptionalString("bm_msg_text") ?? GpcmWire.Unescape(expected.GetProperty("bm_msg_text_escaped").GetString()!);

    [Theory]
    [MemberData(nameof(GpcmVectors))]
    public void Buddy_message_text_decodes_to_the_known_command_and_payload(int index, string name)
    {
        var vector = VectorFile.Items("gpcm_match_command")[index];
        var expected = vector.GetProperty("expected");
        var text = MessageText(expected);
        var payloadHex = expected.OptionalString("binary_hex") ?? expected.OptionalString("decoded_payload_hex") ?? string.Empty;

        Assert.True(GpcmMatchCommandText.TryParse(text, out var command, out var error), error.ToString());

        Assert.Equal(payloadHex, Convert.ToHexStringLower(command.Payload));
        if (vector.TryGetProperty("inputs", out var inputs))
        {
            Assert.Equal(inputs.GetProperty("version").GetInt32(), command.Version);
            Assert.Equal(inputs.GetProperty("command").GetInt32(), command.Command);
        }

        Assert.NotNull(name);
    }

    [Theory]
    [MemberData(nameof(GpcmVectors))]
    public void The_known_payload_encodes_to_the_known_buddy_message_text(int index, string name)
    {
        var vector = VectorFile.Items("gpcm_match_command")[index];
        var expected = vector.GetProperty("expected");
        var text = MessageText(expected);
        Assert.True(GpcmMatchCommandText.TryParse(text, out var parsed, out var error), error.ToString());

        Assert.Equal(text, GpcmMatchCommandText.Format(parsed));
        Assert.NotNull(name);
    }

    [Fact]
    public void The_RESERVATION_vector_binary_is_exactly_what_we_carry()
    {
        var expected = VectorFile.Items("gpcm_match_command")[0].GetProperty("expected");
        var binary = Convert.FromHexString(expected.GetProperty("binary_hex").GetString()!);

        Assert.Equal(expected.GetProperty("bm_msg_text").GetString(), GpcmMatchCommandText.Format(90, 0x01, binary));
    }

    [Theory]
    [MemberData(nameof(MkwVectors))]
    public void Captured_and_canned_match_commands_decode_to_their_payloads(int index, string name)
    {
        var vector = VectorFile.Items("mkw_match_commands")[index];
        var text = vector.OptionalString("gpcm_bm_form") ?? GpcmWire.Unescape(vector.GetProperty("gpcm_bm_string_escaped").GetString()!);
        string payloadHex;
        int commandByte;
        if (vector.TryGetProperty("hex", out var record))
        {
            // A full QR2 record: 0x14-byte header (command at 0x08), then the payload.
            var bytes = Convert.FromHexString(record.GetString()!);
            payloadHex = Convert.ToHexStringLower(bytes.AsSpan(0x14));
            commandByte = bytes[0x08];
        }
        else
        {
            payloadHex = vector.GetProperty("payload_hex").GetString()!;
            commandByte = vector.GetProperty("command").GetInt32();
        }

        Assert.True(GpcmMatchCommandText.TryParse(text, out var command, out var error), error.ToString());

        Assert.Equal(commandByte, command.Command);
        Assert.Equal(payloadHex, Convert.ToHexStringLower(command.Payload));
        Assert.Equal(text, GpcmMatchCommandText.Format(command));
        Assert.NotNull(name);
    }

    [Fact]
    public void Canned_replies_equal_WiiLink_constants_for_versions_3_and_90()
    {
        Assert.Equal("GPCM90vMAT\u0003EAAAAA**", GpcmMatchCommandText.ResvDenyRoomFull(90));
        Assert.Equal("GPCM3vMAT\u000316", GpcmMatchCommandText.ResvDenyRoomFull(3));
        Assert.Equal("GPCM90vMAT\u0004", GpcmMatchCommandText.ResvWait(90));
        Assert.Equal("GPCM11vMAT\u0004", GpcmMatchCommandText.ResvWait(11));
    }

    [Fact]
    public void Our_version_11_deny_writes_the_reason_in_byte_order_unlike_WiiLink_constant()
    {
        Assert.Equal("GPCM11vMAT\u000310000000", GpcmMatchCommandText.ResvDenyRoomFull(11));
    }

    [Theory]
    [InlineData("hello", GpcmMatchCommandError.NotAMatchCommand)]
    [InlineData("GPCMvMAT\u0001", GpcmMatchCommandError.NotAMatchCommand)]
    [InlineData("GPCM90vMAX\u0001", GpcmMatchCommandError.NotAMatchCommand)]
    [InlineData("GPCM12345vMAT\u0001", GpcmMatchCommandError.NotAMatchCommand)]
    [InlineData("GPCM4vMAT\u0001", GpcmMatchCommandError.UnsupportedVersion)]
    [InlineData("GPCM90vMAT", GpcmMatchCommandError.MissingCommand)]
    [InlineData("GPCM90vMAT\u0001AB!D", GpcmMatchCommandError.BadPayloadText)]
    [InlineData("GPCM90vMAT\u0001AAA*", GpcmMatchCommandError.PayloadNotWordAligned)]
    [InlineData("GPCM3vMAT\u00011//2", GpcmMatchCommandError.BadPayloadText)]
    [InlineData("GPCM3vMAT\u00014294967296", GpcmMatchCommandError.BadPayloadText)]
    [InlineData("GPCM3vMAT\u0001-1", GpcmMatchCommandError.BadPayloadText)]
    [InlineData("GPCM11vMAT\u00010000001", GpcmMatchCommandError.BadPayloadText)]
    [InlineData("GPCM11vMAT\u00010000001g", GpcmMatchCommandError.BadPayloadText)]
    [InlineData("GPCM90vMAT\u20ac", GpcmMatchCommandError.BadPayloadText)]
    public void Text_that_is_not_a_clean_match_command_is_refused_with_a_reason(string text, GpcmMatchCommandError expected)
    {
        Assert.False(GpcmMatchCommandText.TryParse(text, out var command, out var error));
        Assert.Equal(expected, error);
        Assert.Null(command);
    }

    [Fact]
    public void Payloads_over_0x80_bytes_are_never_accepted_for_relaying()
    {
        var atBound = GpcmMatchCommandText.Format(90, 0x07, new byte[0x80]);
        var overBound = GpcmMatchCommandText.Format(90, 0x07, new byte[0x84]);
        var overBoundV3 = GpcmMatchCommandText.Format(3, 0x07, new byte[0x84]);
        var overBoundV11 = GpcmMatchCommandText.Format(11, 0x07, new byte[0x84]);

        Assert.Equal(GpcmMatchCommandError.None, ParseError(atBound));
        Assert.Equal(GpcmMatchCommandError.PayloadTooLarge, ParseError(overBound));
        Assert.Equal(GpcmMatchCommandError.PayloadTooLarge, ParseError(overBoundV3));
        Assert.Equal(GpcmMatchCommandError.PayloadTooLarge, ParseError(overBoundV11));
        Assert.Equal(GpcmMatchCommandError.None, ParseError(overBound, GpcmMatchCommandText.MaxPayloadBytes));
    }

    [Fact]
    public void Huge_payload_text_is_refused_before_it_is_decoded()
    {
        var text = "GPCM90vMAT\u0001" + new string('A', 100_000);

        Assert.Equal(GpcmMatchCommandError.PayloadTooLarge, ParseError(text, GpcmMatchCommandText.MaxPayloadBytes));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(90)]
    public void Every_version_round_trips_random_payloads(int version)
    {
        var random = new Random(version);
        for (var words = 0; words <= 32; words++)
        {
            var payload = new byte[words * 4];
            random.NextBytes(payload);
            var commandByte = (byte)random.Next(1, 0x84);

            var text = GpcmMatchCommandText.Format(version, commandByte, payload);

            Assert.True(GpcmMatchCommandText.LooksLikeMatchCommand(text));
            Assert.True(GpcmMatchCommandText.TryParse(text, out var parsed, out var error), error.ToString());
            Assert.Equal(version, parsed.Version);
            Assert.Equal(commandByte, parsed.Command);
            Assert.Equal(payload, parsed.Payload);
        }
    }

    [Fact]
    public void Formatting_refuses_what_no_carrier_can_hold()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GpcmMatchCommandText.Format(4, 1, []));
        Assert.Throws<ArgumentException>(() => GpcmMatchCommandText.Format(90, 1, new byte[3]));
        Assert.Throws<ArgumentException>(() => GpcmMatchCommandText.Format(90, 1, new byte[0x204]));
    }
}
