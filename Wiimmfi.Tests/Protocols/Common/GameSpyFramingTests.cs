using System.Buffers;
using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Common;

public class GameSpyFramingTests
{
    private const string KeepAlive = "\\ka\\\\final\\";
    private const string Status = "\\status\\1\\sesskey\\123456789\\statstring\\\\locstring\\AAAA\\final\\";

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Drains every complete message from a buffer the way a front-end's read loop does.</summary>
    private static (List<string> Messages, int Leftover, GameSpyFrameStatus Last) DrainSpan(byte[] buffer, int max = GameSpyFraming.DefaultMaxMessageBytes)
    {
        var messages = new List<string>();
        var offset = 0;
        while (true)
        {
            var status = GameSpyFraming.FindMessage(buffer.AsSpan(offset), max, out var bodyLength, out var consumed);
            if (status != GameSpyFrameStatus.Complete)
            {
                return (messages, buffer.Length - offset, status);
            }

            messages.Add(Encoding.Latin1.GetString(buffer, offset, bodyLength));
            offset += consumed;
        }
    }

    [Fact]
    public void Several_messages_in_one_read_are_all_found_in_order()
    {
        var (messages, leftover, last) = DrainSpan(Bytes(KeepAlive + Status + KeepAlive));

        Assert.Equal(["\\ka\\", Status[..^7], "\\ka\\"], messages);
        Assert.Equal(0, leftover);
        Assert.Equal(GameSpyFrameStatus.NeedMoreBytes, last);
    }

    [Fact]
    public void The_vector_with_two_messages_and_a_partial_keeps_the_partial_for_the_next_read()
    {
        var vector = VectorFile.Items("gpcm_messages").Single(v => v.GetProperty("name").GetString() == "parse two messages plus partial");
        var data = vector.GetProperty("inputs").GetProperty("data").GetString()!;
        var expectedLeftover = vector.GetProperty("expected").GetProperty("leftover").GetString()!;

        var (messages, leftover, last) = DrainSpan(Bytes(data));

        Assert.Equal(2, messages.Count);
        Assert.Equal(expectedLeftover.Length, leftover);
        Assert.EndsWith(expectedLeftover, data);
        Assert.Equal(GameSpyFrameStatus.NeedMoreBytes, last);
    }

    [Fact]
    public void A_message_split_at_every_possible_byte_is_found_once_it_is_complete()
    {
        var wire = Bytes(Status);
        for (var split = 1; split < wire.Length; split++)
        {
            var first = GameSpyFraming.FindMessage(wire.AsSpan(0, split), 4096, out _, out _);
            Assert.Equal(GameSpyFrameStatus.NeedMoreBytes, first);

            var sequence = SegmentedSequence.Create(wire[..split], wire[split..]);
            var second = GameSpyFraming.FindMessage(sequence, 4096, out var body, out var consumed);

            Assert.Equal(GameSpyFrameStatus.Complete, second);
            Assert.Equal(Status[..^7], Encoding.Latin1.GetString(body.ToArray()));
            Assert.Equal(sequence.End, consumed);
        }
    }

    [Fact]
    public void A_message_delivered_one_byte_per_segment_is_framed()
    {
        var wire = Bytes(KeepAlive + "\\lc\\1");
        var sequence = SegmentedSequence.Create(wire.Select(b => new[] { b }).ToArray());

        var status = GameSpyFraming.FindMessage(sequence, 4096, out var body, out var consumed);

        Assert.Equal(GameSpyFrameStatus.Complete, status);
        Assert.Equal("\\ka\\", Encoding.Latin1.GetString(body.ToArray()));
        Assert.Equal("\\lc\\1", Encoding.Latin1.GetString(sequence.Slice(consumed).ToArray()));
    }

    [Fact]
    public void Bytes_without_a_terminator_wait_for_more_until_the_bound_then_are_oversized()
    {
        var noFinal = Bytes("\\login\\\\challenge\\" + new string('x', 100));

        Assert.Equal(GameSpyFrameStatus.NeedMoreBytes, GameSpyFraming.FindMessage(noFinal, 256, out _, out _));
        Assert.Equal(GameSpyFrameStatus.Oversized, GameSpyFraming.FindMessage(noFinal, noFinal.Length, out _, out _));
        Assert.Equal(GameSpyFrameStatus.Oversized, GameSpyFraming.FindMessage(new ReadOnlySequence<byte>(noFinal), 64, out _, out _));
    }

    [Fact]
    public void A_message_longer_than_the_bound_is_oversized_even_when_complete()
    {
        var big = Bytes("\\bm\\1\\msg\\" + new string('a', 200) + "\\final\\");

        Assert.Equal(GameSpyFrameStatus.Oversized, GameSpyFraming.FindMessage(big, 100, out _, out _));
        Assert.Equal(GameSpyFrameStatus.Oversized, GameSpyFraming.FindMessage(new ReadOnlySequence<byte>(big), 100, out _, out _));
        Assert.Equal(GameSpyFrameStatus.Complete, GameSpyFraming.FindMessage(big, big.Length, out _, out _));
    }

    [Fact]
    public void A_message_exactly_at_the_bound_is_accepted()
    {
        var exact = Bytes(KeepAlive);

        Assert.Equal(GameSpyFrameStatus.Complete, GameSpyFraming.FindMessage(exact, exact.Length, out var bodyLength, out var consumed));
        Assert.Equal(4, bodyLength);
        Assert.Equal(exact.Length, consumed);
    }

    [Fact]
    public void An_empty_buffer_needs_more_bytes()
    {
        Assert.Equal(GameSpyFrameStatus.NeedMoreBytes, GameSpyFraming.FindMessage(ReadOnlySpan<byte>.Empty, 4096, out _, out _));
        Assert.Equal(GameSpyFrameStatus.NeedMoreBytes, GameSpyFraming.FindMessage(ReadOnlySequence<byte>.Empty, 4096, out _, out _));
    }

    [Fact]
    public void Stray_bytes_before_a_message_are_framed_and_then_refused_by_the_parser()
    {
        var (messages, _, _) = DrainSpan(Bytes("garbage\\final\\" + KeepAlive));

        Assert.Equal(2, messages.Count);
        Assert.False(GameSpyMessage.TryParse(Bytes(messages[0]), out _, out var error));
        Assert.Equal(GameSpyParseError.MissingLeadingBackslash, error);
        Assert.True(GameSpyMessage.TryParse(Bytes(messages[1]), out var keepAlive, out _));
        Assert.Equal("ka", keepAlive.Command);
    }

    [Fact]
    public void A_bound_smaller_than_the_terminator_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GameSpyFraming.FindMessage(ReadOnlySpan<byte>.Empty, 3, out _, out _));
    }
}
