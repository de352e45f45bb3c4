using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary><c>\delbuddy\\sesskey\…\delprofileid\…</c>: remove a friend. No reply.</summary>
/// <param name="SessionKey">Echoed session key, null when absent or not a number.</param>
/// <param name="DelProfileId">The friend to remove.</param>
public sealed record GpcmDelBuddyRequest(int? SessionKey, uint DelProfileId) : GpcmClientMessage
{
    internal static GpcmParseResult FromMessage(GameSpyMessage message) =>
        GpcmFields.TryReadProfileId(message.GetValueOrNull("delprofileid"), out var profileId)
            ? GpcmParseResult.Ok(new GpcmDelBuddyRequest(GpcmFields.ReadSessionKey(message), profileId))
            : GpcmParseResult.Fail(GpError.For(GpErrorCode.DelBuddy));

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("delbuddy", string.Empty);
        if (SessionKey is { } key)
        {
            writer.Write("sesskey", key);
        }

        writer.Write("delprofileid", DelProfileId);
        writer.WriteFinal();
    }
}
