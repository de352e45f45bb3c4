using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>
/// <c>\nicks\\email\…\pass…\namespaceid\…</c>: list an account's nicks (answer: <see cref="GpspNicksReply"/>).
/// The password fields are not kept: DWC accounts have none.
/// </summary>
public sealed record GpspNicksRequest(string Email, int? NamespaceId, int? PartnerId) : GpspRequest
{
    internal static GpspParseResult FromMessage(GameSpyMessage message) =>
        message.TryGetValue("email", out var email)
            ? GpspParseResult.Ok(new GpspNicksRequest(email, ReadInt(message, "namespaceid"), ReadInt(message, "partnerid")))
            : GpspParseResult.Fail(GpErrorCode.Search);

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("nicks", string.Empty);
        writer.Write("email", Email);
        WriteIfSet(writer, "namespaceid", NamespaceId);
        WriteIfSet(writer, "partnerid", PartnerId);
        writer.WriteFinal();
    }
}
