using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary><c>\others\\sesskey\…\profileid\…\namespaceid\…</c>: the buddies of a profile (answer: <see cref="GpspOthersReply"/>).</summary>
public sealed record GpspOthersRequest(int? SessionKey, uint ProfileId, int? NamespaceId) : GpspRequest
{
    internal static GpspParseResult FromMessage(GameSpyMessage message) =>
        TryReadProfileId(message.GetValueOrNull("profileid"), out var profileId)
            ? GpspParseResult.Ok(new GpspOthersRequest(ReadInt(message, "sesskey"), profileId, ReadInt(message, "namespaceid")))
            : GpspParseResult.Fail(GpErrorCode.Search);

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("others", string.Empty);
        WriteIfSet(writer, "sesskey", SessionKey);
        writer.Write("profileid", ProfileId);
        WriteIfSet(writer, "namespaceid", NamespaceId);
        writer.WriteFinal();
    }
}
