using System.Text;
using Wiimmfi.Protocols.GameStats;

namespace Wiimmfi.Tests.Protocols.GameStats;

public class GameStatsFrameReaderTests
{
    private static byte[] Wire(string plain) => GameStatsObfuscation.Encode(Encoding.Latin1.GetBytes(plain));

    private static List<GameStatsMessage> ReadAll(byte[] stream)
    {
        var messages = new List<GameStatsMessage>();
        var offset = 0;
        while (true)
        {
            var result = GameStatsFrameReader.Read(stream.AsSpan(offset));
            if (result.Status != GameStatsReadStatus.Message)
            {
                Assert.Equal(GameStatsReadStatus.NeedMoreData, result.Status);
                return messages;
            }
            messages.Add(result.Message!);
            offset += result.Consumed;
        }
    }

    [Fact]
    public void Several_messages_in_one_read_are_cut_apart()
    {
        var stream = Wire(@"\auth\\gamename\mschargedwii\response\abc\port\0\id\1\final\")
            .Concat(Wire(@"\ka\\final\"))
            .Concat(Wire(@"\authp\\authtoken\NDSabc\resp\x\lid\0\final\"))
            .ToArray();

        var messages = ReadAll(stream);

        Assert.Equal(["auth", "ka", "authp"], messages.Select(m => m.Command));
        Assert.Equal("mschargedwii", messages[0].Get("gamename"));
        Assert.Equal("", messages[1].CommandValue);
        Assert.Equal("0", messages[2].Get("lid"));
    }

    [Fact]
    public void Message_split_at_any_byte_is_read_once_complete()
    {
        var wire = Wire(@"\getpd\\pid\1000000004\ptype\3\dindex\0\keys\" + "\x01" + @"a" + "\x01" + @"b\lid\0\final\");
        for (var split = 0; split < wire.Length; split++)
        {
            Assert.Equal(GameStatsReadStatus.NeedMoreData, GameStatsFrameReader.Read(wire.AsSpan(0, split)).Status);
        }

        var result = GameStatsFrameReader.Read(wire);

        Assert.Equal(GameStatsReadStatus.Message, result.Status);
        Assert.Equal("\x01" + "a\x01" + "b", result.Message!.Get("keys"));
    }

    [Fact]
    public void Data_with_a_declared_length_may_contain_backslashes()
    {
        const string data = @"\itast_friend_p\AFAAYQBs*" + "\0";
        var plain = $@"\setpd\\pid\1000000004\ptype\3\dindex\0\kv\1\lid\0\length\{data.Length}\data\{data}\final\";

        var message = ReadAll(Wire(plain)).Single();

        Assert.Equal(data, message.Get("data"));
        Assert.Equal(Encoding.Latin1.GetBytes(plain), message.ToPlainBytes());
    }

    [Fact]
    public void Terminator_bytes_appearing_inside_obfuscated_data_do_not_end_the_message()
    {
        // Choose data so that, after XOR, part of it reads exactly "\final\" on the wire.
        var prefix = @"\setpd\\pid\5\ptype\1\dindex\0\kv\1\lid\0\length\20\data\";
        var data = new char[20];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = 'x';
        }
        var at = prefix.Length + 4; // where the fake terminator starts, measured in the message
        var key = "GameSpy3D";
        for (var i = 0; i < 7; i++)
        {
            data[4 + i] = (char)(@"\final\"[i] ^ key[(at + i) % key.Length]);
        }
        var plain = prefix + new string(data) + @"\final\";
        var wire = Wire(plain);
        Assert.Equal(at, wire.AsSpan().IndexOf(@"\final\"u8));

        var result = GameStatsFrameReader.Read(wire);

        Assert.Equal(GameStatsReadStatus.Message, result.Status);
        Assert.Equal(wire.Length, result.Consumed);
        Assert.Equal(new string(data), result.Message!.Get("data"));
    }

    [Theory]
    [InlineData(@"auth\\gamename\x", "does not start")]
    [InlineData(@"\auth", "no value")]
    [InlineData(@"\\x\y\", "Empty command")]
    [InlineData("\\auth\\\\gamename\\a\0b", "NUL")]
    [InlineData(@"\setpd\\length\abc\data\x", "Invalid length")]
    [InlineData(@"\setpd\\length\99999999\data\x", "Invalid length")]
    [InlineData(@"\setpd\\length\2\data\xyz", "longer than its declared length")]
    public void Malformed_message_is_refused_and_skipped(string plain, string reason)
    {
        var wire = Wire(plain + @"\final\").Concat(Wire(@"\ka\\final\")).ToArray();

        var bad = GameStatsFrameReader.Read(wire);

        Assert.Equal(GameStatsReadStatus.Invalid, bad.Status);
        Assert.Contains(reason, bad.Error);
        Assert.True(bad.Consumed > 0);
        Assert.Equal("ka", GameStatsFrameReader.Read(wire.AsSpan(bad.Consumed)).Message!.Command);
    }

    [Fact]
    public void Data_shorter_than_declared_at_the_last_terminator_waits_for_more()
    {
        var wire = Wire(@"\setpd\\length\50\data\short\final\");

        Assert.Equal(GameStatsReadStatus.NeedMoreData, GameStatsFrameReader.Read(wire).Status);
    }

    [Fact]
    public void Stream_without_a_terminator_within_the_limit_cannot_be_resynchronised()
    {
        var limits = new GameStatsLimits { MaxMessageBytes = 100 };

        var result = GameStatsFrameReader.Read(new byte[100], limits);

        Assert.Equal(GameStatsReadStatus.Invalid, result.Status);
        Assert.Equal(0, result.Consumed);
    }

    [Fact]
    public void Message_over_the_size_limit_is_refused()
    {
        var limits = new GameStatsLimits { MaxMessageBytes = 64 };
        var wire = Wire(@"\setpd\\data\" + new string('a', 100) + @"\final\");

        var result = GameStatsFrameReader.Read(wire, limits);

        Assert.Equal(GameStatsReadStatus.Invalid, result.Status);
        Assert.Contains("longer than 64", result.Error);
    }

    [Fact]
    public void Too_many_pairs_are_refused()
    {
        var plain = @"\newgame\" + string.Concat(Enumerable.Range(0, 70).Select(i => $@"\k{i}\v"));

        Assert.False(GameStatsFrameReader.TryParsePlain(Encoding.Latin1.GetBytes(plain), GameStatsLimits.Default, out _, out var error));
        Assert.Contains("pairs", error);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length >= 7)
            {
                @"\final\"u8.CopyTo(bytes.AsSpan(bytes.Length - 7));
            }
            var result = GameStatsFrameReader.Read(bytes);
            Assert.True(result.Consumed >= 0 && result.Consumed <= bytes.Length);
        }
    }
}
