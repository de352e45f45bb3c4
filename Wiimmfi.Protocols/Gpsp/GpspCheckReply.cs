using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>Answer to <c>\check\</c>: <c>\cur\0\pid\&lt;pid&gt;\final\</c> on success, <c>\cur\&lt;GP error code&gt;\final\</c> otherwise.</summary>
/// <param name="Result">0 or a GP error code.</param>
/// <param name="ProfileId">The profile found (sent only with result 0).</param>
public sealed record GpspCheckReply(int Result, uint? ProfileId) : IGameSpyWritable
{
    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("cur", Result);
        if (Result == 0 && ProfileId is { } profileId)
        {
            writer.Write("pid", profileId);
        }

        writer.WriteFinal();
    }
}
