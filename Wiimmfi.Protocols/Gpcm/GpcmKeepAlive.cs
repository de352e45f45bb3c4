using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// <c>\ka\\final\</c>, in both directions: the console sends it when idle (often right after
/// connecting, before <c>\login\</c>), the server answers the same. Accept it in every state.
/// Also used by GPSP.
/// </summary>
public sealed record GpcmKeepAlive : GpcmClientMessage
{
    private GpcmKeepAlive()
    {
    }

    /// <summary>The single instance.</summary>
    public static GpcmKeepAlive Instance { get; } = new();

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("ka", string.Empty);
        writer.WriteFinal();
    }
}
