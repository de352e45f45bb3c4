using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>
/// Answer to <c>\others\</c>: per buddy <c>\o\&lt;pid&gt;\nick\…\first\…\last\…\email\…\uniquenick\…\namespaceid\…</c>,
/// then <c>\odone\\final\</c>.
/// </summary>
/// <param name="Buddies">The buddies.</param>
public sealed record GpspOthersReply(IReadOnlyList<GpspProfileEntry> Buddies) : IGameSpyWritable
{
    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        foreach (var buddy in Buddies)
        {
            writer.Write("o", buddy.ProfileId);
            writer.Write("nick", buddy.Nick);
            writer.Write("first", buddy.FirstName);
            writer.Write("last", buddy.LastName);
            writer.Write("email", buddy.Email);
            writer.Write("uniquenick", buddy.UniqueNick);
            writer.Write("namespaceid", buddy.NamespaceId);
        }

        writer.Write("odone", string.Empty);
        writer.WriteFinal();
    }
}
