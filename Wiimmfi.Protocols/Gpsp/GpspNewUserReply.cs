using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>Answer to <c>\newuser\</c>: <c>\nur\&lt;0 or GP error code&gt;[\pid\&lt;pid&gt;]\final\</c>.</summary>
/// <param name="Result">0 or a GP error code (e.g. 516 unique nick in use).</param>
/// <param name="ProfileId">The new profile (when created).</param>
public sealed record GpspNewUserReply(int Result, uint? ProfileId) : IGameSpyWritable
{
    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("nur", Result);
        if (ProfileId is { } profileId)
        {
            writer.Write("pid", profileId);
        }

        writer.WriteFinal();
    }
}
