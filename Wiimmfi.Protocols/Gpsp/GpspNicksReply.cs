using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>One nick of an account in a <c>\nicks\</c> answer.</summary>
/// <param name="Nick">Nick.</param>
/// <param name="UniqueNick">Unique nick.</param>
public readonly record struct GpspNickEntry(string Nick, string UniqueNick);

/// <summary>
/// Answer to <c>\nicks\</c>: <c>\nr\&lt;result&gt;</c>, then per profile <c>\nick\…\uniquenick\…</c>,
/// then <c>\ndone\\final\</c>. The result is 0 on success or a GP error code (e.g. 260 bad password).
/// </summary>
/// <param name="Result">0 or a GP error code.</param>
/// <param name="Nicks">The account's nicks (empty on failure).</param>
public sealed record GpspNicksReply(int Result, IReadOnlyList<GpspNickEntry> Nicks) : IGameSpyWritable
{
    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("nr", Result);
        foreach (var entry in Nicks)
        {
            writer.Write("nick", entry.Nick);
            writer.Write("uniquenick", entry.UniqueNick);
        }

        writer.Write("ndone", string.Empty);
        writer.WriteFinal();
    }
}
