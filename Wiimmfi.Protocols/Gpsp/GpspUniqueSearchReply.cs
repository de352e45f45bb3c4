using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>Answer to <c>\uniquesearch\</c>: <c>\us\&lt;count&gt;</c>, then <c>\nick\&lt;suggestion&gt;</c> each, then <c>\usdone\\final\</c>.</summary>
/// <param name="Suggestions">Free unique nicks.</param>
public sealed record GpspUniqueSearchReply(IReadOnlyList<string> Suggestions) : IGameSpyWritable
{
    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("us", Suggestions.Count);
        foreach (var nick in Suggestions)
        {
            writer.Write("nick", nick);
        }

        writer.Write("usdone", string.Empty);
        writer.WriteFinal();
    }
}
