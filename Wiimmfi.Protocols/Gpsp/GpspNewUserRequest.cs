using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary><c>\newuser\\email\…\nick\…\pass…</c>: create a PC GameSpy account (answer: <see cref="GpspNewUserReply"/>).</summary>
public sealed record GpspNewUserRequest(string Email, string Nick, string? UniqueNick, int? NamespaceId, int? ProductId) : GpspRequest
{
    internal static GpspParseResult FromMessage(GameSpyMessage message) =>
        message.TryGetValue("email", out var email) && message.TryGetValue("nick", out var nick)
            ? GpspParseResult.Ok(new GpspNewUserRequest(email, nick, message.GetValueOrNull("uniquenick"), ReadInt(message, "namespaceid"),
                ReadInt(message, "productid") ?? ReadInt(message, "gameid")))
            : GpspParseResult.Fail(GpErrorCode.NewUser);

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("newuser", string.Empty);
        writer.Write("email", Email);
        writer.Write("nick", Nick);
        WriteIfSet(writer, "uniquenick", UniqueNick);
        WriteIfSet(writer, "namespaceid", NamespaceId);
        WriteIfSet(writer, "productid", ProductId);
        writer.WriteFinal();
    }
}
