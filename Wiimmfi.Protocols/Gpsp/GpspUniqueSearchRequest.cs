using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary><c>\uniquesearch\\preferrednick\…\namespaceid\…</c>: suggest free unique nicks (answer: <see cref="GpspUniqueSearchReply"/>).</summary>
public sealed record GpspUniqueSearchRequest(string PreferredNick, int? NamespaceId) : GpspRequest
{
    internal static GpspParseResult FromMessage(GameSpyMessage message) =>
        message.TryGetValue("preferrednick", out var nick)
            ? GpspParseResult.Ok(new GpspUniqueSearchRequest(nick, ReadInt(message, "namespaceid")))
            : GpspParseResult.Fail(GpErrorCode.Search);

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("uniquesearch", string.Empty);
        writer.Write("preferrednick", PreferredNick);
        WriteIfSet(writer, "namespaceid", NamespaceId);
        writer.WriteFinal();
    }
}
