using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary><c>\valid\\email\…</c>: does an account with this e-mail exist? (answer: <see cref="GpspValidReply"/>).</summary>
public sealed record GpspValidRequest(string Email, int? PartnerId, string? UserId) : GpspRequest
{
    internal static GpspParseResult FromMessage(GameSpyMessage message) =>
        message.TryGetValue("email", out var email)
            ? GpspParseResult.Ok(new GpspValidRequest(email, ReadInt(message, "partnerid") ?? ReadInt(message, "partnercode"), message.GetValueOrNull("userid")))
            : GpspParseResult.Fail(GpErrorCode.Search);

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("valid", string.Empty);
        writer.Write("email", Email);
        WriteIfSet(writer, "partnerid", PartnerId);
        WriteIfSet(writer, "userid", UserId);
        writer.WriteFinal();
    }
}
