using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary><c>\check\\email\…\nick\…\pass…</c>: which profile has this e-mail and nick? (answer: <see cref="GpspCheckReply"/>).</summary>
public sealed record GpspCheckRequest(string Email, string Nick, int? NamespaceId, int? PartnerId) : GpspRequest
{
    internal static GpspParseResult FromMessage(GameSpyMessage message) =>
        message.TryGetValue("email", out var email) && message.TryGetValue("nick", out var nick)
            ? GpspParseResult.Ok(new GpspCheckRequest(email, nick, ReadInt(message, "namespaceid"), ReadInt(message, "partnerid")))
            : GpspParseResult.Fail(GpErrorCode.Check);

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("check", string.Empty);
        writer.Write("email", Email);
        writer.Write("nick", Nick);
        WriteIfSet(writer, "namespaceid", NamespaceId);
        WriteIfSet(writer, "partnerid", PartnerId);
        writer.WriteFinal();
    }
}
