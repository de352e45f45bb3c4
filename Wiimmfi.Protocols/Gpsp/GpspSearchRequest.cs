using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>
/// <c>\search\</c> or <c>\searchunique\</c>: find profiles by nick, unique nick, e-mail or name
/// (PC GameSpy; WiiLink answers with an empty <see cref="GpspSearchReply"/>).
/// </summary>
public sealed record GpspSearchRequest(
    bool Unique,
    int? SessionKey,
    uint? ProfileId,
    string? Nick,
    string? UniqueNick,
    string? Email,
    string? FirstName,
    string? LastName,
    int? NamespaceId,
    string? Namespaces,
    int? PartnerId,
    int? Skip) : GpspRequest
{
    internal static GpspSearchRequest FromMessage(GameSpyMessage message) => new(
        message.Command == "searchunique",
        ReadInt(message, "sesskey"),
        TryReadProfileId(message.GetValueOrNull("profileid"), out var profileId) ? profileId : null,
        message.GetValueOrNull("nick"),
        message.GetValueOrNull("uniquenick"),
        message.GetValueOrNull("email"),
        message.GetValueOrNull("firstname"),
        message.GetValueOrNull("lastname"),
        ReadInt(message, "namespaceid"),
        message.GetValueOrNull("namespaces"),
        ReadInt(message, "partnerid"),
        ReadInt(message, "skip"));

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand(Unique ? "searchunique" : "search", string.Empty);
        WriteIfSet(writer, "sesskey", SessionKey);
        WriteIfSet(writer, "profileid", ProfileId);
        WriteIfSet(writer, "nick", Nick);
        WriteIfSet(writer, "uniquenick", UniqueNick);
        WriteIfSet(writer, "email", Email);
        WriteIfSet(writer, "firstname", FirstName);
        WriteIfSet(writer, "lastname", LastName);
        WriteIfSet(writer, "namespaceid", NamespaceId);
        WriteIfSet(writer, "namespaces", Namespaces);
        WriteIfSet(writer, "partnerid", PartnerId);
        WriteIfSet(writer, "skip", Skip);
        writer.WriteFinal();
    }
}
