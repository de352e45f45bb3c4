using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>
/// Answer to <c>\search\</c>: per hit <c>\bsr\&lt;pid&gt;\nick\…\firstname\…\lastname\…\email\…\uniquenick\…\namespaceid\…</c>,
/// then <c>\bsrdone\\final\</c>. No hits (WiiLink's answer) is just <c>\bsrdone\\final\</c>.
/// </summary>
/// <param name="Results">The hits.</param>
public sealed record GpspSearchReply(IReadOnlyList<GpspProfileEntry> Results) : IGameSpyWritable
{
    /// <summary>The answer with no hits.</summary>
    public static GpspSearchReply Empty { get; } = new([]);

    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        foreach (var hit in Results)
        {
            writer.Write("bsr", hit.ProfileId);
            writer.Write("nick", hit.Nick);
            writer.Write("firstname", hit.FirstName);
            writer.Write("lastname", hit.LastName);
            writer.Write("email", hit.Email);
            writer.Write("uniquenick", hit.UniqueNick);
            writer.Write("namespaceid", hit.NamespaceId);
        }

        writer.Write("bsrdone", string.Empty);
        writer.WriteFinal();
    }
}
