using System.Buffers;
using System.Text;
using System.Text.Json;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Common;

public class GameSpyMessageTests
{
    private static byte[] Body(string text) => Encoding.Latin1.GetBytes(text);

    private static GameSpyMessage Parse(string body)
    {
        Assert.True(GameSpyMessage.TryParse(Body(body), out var message, out var error), error.ToString());
        return message;
    }

    public static TheoryData<int, string> ParseVectors
    {
        get
        {
            var data = new TheoryData<int, string>();
            var items = VectorFile.Items("gpcm_messages");
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].GetProperty("expected").TryGetProperty("messages", out _))
                {
                    data.Add(i, items[i].GetProperty("name").GetString()!);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ParseVectors))]
    public void Vector_data_parses_into_the_listed_commands_and_pairs(int index, string name)
    {
        var vector = VectorFile.Items("gpcm_messages")[index];
        var wire = Body(vector.GetProperty("inputs").GetProperty("data").GetString()!);
        var expectedMessages = vector.GetProperty("expected").GetProperty("messages").EnumerateArray().ToArray();

        var offset = 0;
        foreach (var expected in expectedMessages)
        {
            Assert.Equal(GameSpyFrameStatus.Complete, GameSpyFraming.FindMessage(wire.AsSpan(offset), 4096, out var bodyLength, out var consumed));
            Assert.True(GameSpyMessage.TryParse(wire.AsSpan(offset, bodyLength), out var message, out _), name);
            offset += consumed;

            var command = expected.GetProperty("__cmd__").GetString()!;
            Assert.Equal(command, message.Command);
            Assert.Equal(expected.GetProperty("__cmd_val__").GetString(), message.CommandValue);
            var expectedPairs = expected.EnumerateObject()
                .Where(p => p.Name is not "__cmd__" and not "__cmd_val__" && p.Name != command)
                .ToDictionary(p => p.Name, p => p.Value.GetString());
            Assert.Equal(expectedPairs.Count, message.Fields.Count);
            foreach (var (key, value) in expectedPairs)
            {
                Assert.Equal(value, message.GetValueOrNull(key));
            }
        }
    }

    [Fact]
    public void Login_keeps_the_empty_command_value_and_every_key()
    {
        var message = Parse("\\login\\\\challenge\\abc\\authtoken\\NDSx\\id\\1");

        Assert.Equal("login", message.Command);
        Assert.Equal(string.Empty, message.CommandValue);
        Assert.Equal(["challenge", "authtoken", "id"], message.Fields.Select(f => f.Key));
        Assert.Equal("1", message.GetValueOrNull("id"));
    }

    [Fact]
    public void Duplicate_keys_are_all_kept_and_lookups_return_the_last_value()
    {
        var message = Parse("\\status\\1\\locstring\\first\\locstring\\second");

        Assert.Equal(2, message.CountOf("locstring"));
        Assert.Equal("second", message.GetValueOrNull("locstring"));
        Assert.Equal(["first", "second"], message.Fields.Select(f => f.Value));
    }

    [Fact]
    public void An_empty_value_is_present_and_different_from_a_missing_key()
    {
        var message = Parse("\\status\\1\\statstring\\\\locstring\\AAAA");

        Assert.True(message.TryGetValue("statstring", out var empty));
        Assert.Equal(string.Empty, empty);
        Assert.Null(message.GetValueOrNull("missing"));
        Assert.False(message.Contains("missing"));
    }

    [Fact]
    public void A_key_at_the_end_without_a_value_gets_an_empty_value()
    {
        var message = Parse("\\otherslist\\\\oldone");

        Assert.True(message.TryGetValue("oldone", out var value));
        Assert.Equal(string.Empty, value);
    }

    [Fact]
    public void A_trailing_backslash_is_harmless()
    {
        var message = Parse("\\otherslist\\\\oldone\\");

        Assert.Single(message.Fields);
    }

    [Theory]
    [InlineData("", GameSpyParseError.MissingCommand)]
    [InlineData("\\", GameSpyParseError.MissingCommand)]
    [InlineData("login\\\\id\\1", GameSpyParseError.MissingLeadingBackslash)]
    [InlineData("\\login\\\\id\\1\0", GameSpyParseError.ContainsNul)]
    [InlineData("\\bm\\1\\\\x\\t\\2", GameSpyParseError.EmptyKey)]
    [InlineData("\\\\1", GameSpyParseError.EmptyKey)]
    public void Malformed_bodies_are_refused_with_a_reason(string body, GameSpyParseError expected)
    {
        Assert.False(GameSpyMessage.TryParse(Body(body), out var message, out var error));
        Assert.Null(message);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void More_pairs_than_the_bound_are_refused()
    {
        var body = "\\updatepro\\" + string.Concat(Enumerable.Range(0, GameSpyMessage.MaxFields + 1).Select(i => $"\\k{i}\\v"));

        Assert.False(GameSpyMessage.TryParse(Body(body), out _, out var error));
        Assert.Equal(GameSpyParseError.TooManyFields, error);
    }

    [Fact]
    public void Exactly_the_bound_of_pairs_is_accepted()
    {
        var body = "\\updatepro\\" + string.Concat(Enumerable.Range(0, GameSpyMessage.MaxFields).Select(i => $"\\k{i}\\v"));

        Assert.Equal(GameSpyMessage.MaxFields, Parse(body).Fields.Count);
    }

    [Fact]
    public void High_bytes_survive_parsing_and_writing_unchanged()
    {
        var body = new byte[] { (byte)'\\', (byte)'b', (byte)'m', (byte)'\\', (byte)'1', (byte)'\\', (byte)'m', (byte)'\\', 0x82, 0xFF, 0x01 };

        Assert.True(GameSpyMessage.TryParse(body, out var message, out _));

        Assert.Equal("\u0082\u00ff\u0001", message.GetValueOrNull("m"));
        Assert.Equal(body.Concat(GameSpyFraming.Terminator.ToArray()), message.ToBytes());
    }

    [Fact]
    public void A_body_split_over_segments_parses_like_a_single_span()
    {
        var sequence = SegmentedSequence.Create(Body("\\lc\\1\\chal"), Body("lenge\\ABCDEFGHIJ\\id\\1"));

        Assert.True(GameSpyMessage.TryParse(sequence, out var message, out _));

        Assert.Equal("ABCDEFGHIJ", message.GetValueOrNull("challenge"));
    }

    [Fact]
    public void Writer_drops_backslashes_and_nuls_from_values_so_they_cannot_break_framing()
    {
        var message = GameSpyMessage.Create("bm", "1", new GameSpyField("msg", "a\\final\\b\0c"));

        Assert.Equal("\\bm\\1\\msg\\afinalbc\\final\\", message.ToWireString());
    }

    [Fact]
    public void Writer_replaces_characters_that_do_not_fit_in_a_byte()
    {
        var message = GameSpyMessage.Create("bm", "1", new GameSpyField("msg", "h\u00e9\u20ac"));

        Assert.Equal("\\bm\\1\\msg\\h\u00e9?\\final\\", message.ToWireString());
    }

    [Fact]
    public void Writer_formats_numbers_in_invariant_decimal()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new GameSpyMessageWriter(buffer);
        writer.WriteCommand("lc", 2);
        writer.Write("sesskey", -5L);
        writer.Write("userid", ulong.MaxValue);
        writer.WriteFinal();

        Assert.Equal("\\lc\\2\\sesskey\\-5\\userid\\18446744073709551615\\final\\", Encoding.Latin1.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void A_parsed_message_writes_back_to_the_same_wire_text()
    {
        var vector = VectorFile.Items("gpcm_messages").Single(v => v.GetProperty("name").GetString() == "parse real MKW login");
        var wire = vector.GetProperty("inputs").GetProperty("data").GetString()!;

        var message = Parse(wire[..^7]);

        Assert.Equal(wire, message.ToWireString());
    }

    [Fact]
    public void The_reader_walks_pairs_without_building_a_message()
    {
        var reader = new GameSpyMessageReader("\\ka\\\\x\\1"u8);
        var keys = new List<string>();
        while (reader.TryReadPair(out var key, out _))
        {
            keys.Add(Encoding.ASCII.GetString(key));
        }

        Assert.Equal(["ka", "x"], keys);
        Assert.Equal(GameSpyParseError.None, reader.Error);
    }

    [Fact]
    public void Random_bytes_never_make_the_parser_throw()
    {
        var random = new Random(42);
        var alphabet = "\\\\\\ab01final\0\u00ff"u8.ToArray();
        for (var round = 0; round < 5000; round++)
        {
            var body = new byte[random.Next(0, 40)];
            for (var i = 0; i < body.Length; i++)
            {
                body[i] = alphabet[random.Next(alphabet.Length)];
            }

            var ok = GameSpyMessage.TryParse(body, out var message, out var error);

            Assert.Equal(ok, message is not null);
            Assert.Equal(ok, error == GameSpyParseError.None);
        }
    }
}
