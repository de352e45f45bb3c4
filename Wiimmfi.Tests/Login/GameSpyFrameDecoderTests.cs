using System.Buffers;
using System.Text;
using Wiimmfi.Actors.Frontends.Gpcm;
using Wiimmfi.Actors.Runtime.Io;

namespace Wiimmfi.Tests.Login;

public sealed class GameSpyFrameDecoderTests
{
    [Fact]
    public void Messages_are_cut_at_final_and_a_partial_one_waits_for_more()
    {
        var decoder = new GameSpyFrameDecoder();
        var buffer = new ReadOnlySequence<byte>("\\ka\\\\final\\\\status\\1\\final\\\\log"u8.ToArray());

        Assert.Equal(FrameDecodeStatus.Frame, decoder.TryDecode(ref buffer, out var first, out _));
        Assert.Equal(FrameDecodeStatus.Frame, decoder.TryDecode(ref buffer, out var second, out _));
        Assert.Equal(FrameDecodeStatus.NeedMoreData, decoder.TryDecode(ref buffer, out _, out _));

        Assert.Equal("\\ka\\", Encoding.ASCII.GetString(first.Span));
        Assert.Equal("\\status\\1", Encoding.ASCII.GetString(second.Span));
        Assert.Equal("\\log", Encoding.ASCII.GetString(buffer.ToArray()));
    }

    [Fact]
    public void Input_that_reaches_the_bound_without_final_is_malformed()
    {
        var decoder = new GameSpyFrameDecoder(64);
        var buffer = new ReadOnlySequence<byte>(new byte[64]);

        Assert.Equal(FrameDecodeStatus.Malformed, decoder.TryDecode(ref buffer, out _, out var error));
        Assert.Contains("64", error);
    }
}
