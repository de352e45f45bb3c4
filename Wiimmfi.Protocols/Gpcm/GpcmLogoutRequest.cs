using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary><c>\logout\\sesskey\…</c>: the console says goodbye. Closing the socket means the same.</summary>
/// <param name="SessionKey">Echoed session key, null when absent or not a number.</param>
public sealed record GpcmLogoutRequest(int? SessionKey) : GpcmClientMessage
{
    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("logout", string.Empty);
        if (SessionKey is { } key)
        {
            writer.Write("sesskey", key);
        }

        writer.WriteFinal();
    }
}
