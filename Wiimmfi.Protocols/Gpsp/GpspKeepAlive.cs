using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary><c>\ka\\final\</c>: answered with the same bytes (WiiLink).</summary>
public sealed record GpspKeepAlive : GpspRequest
{
    private GpspKeepAlive()
    {
    }

    /// <summary>The single instance; also the reply.</summary>
    public static GpspKeepAlive Instance { get; } = new();

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("ka", string.Empty);
        writer.WriteFinal();
    }
}
