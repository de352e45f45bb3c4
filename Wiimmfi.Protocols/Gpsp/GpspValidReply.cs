using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>Answer to <c>\valid\</c>: <c>\vr\1\final\</c> when the account exists, else <c>\vr\0\final\</c>.</summary>
/// <param name="Exists">Whether an account has the e-mail.</param>
public sealed record GpspValidReply(bool Exists) : IGameSpyWritable
{
    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("vr", Exists ? 1 : 0);
        writer.WriteFinal();
    }
}
