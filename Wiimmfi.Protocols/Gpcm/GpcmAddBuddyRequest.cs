using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary><c>\addbuddy\\sesskey\…\newprofileid\…\reason\…</c>: add a friend. No direct reply.</summary>
/// <param name="SessionKey">Echoed session key, null when absent or not a number.</param>
/// <param name="NewProfileId">The friend's profile id.</param>
/// <param name="Reason">Free text; empty when absent.</param>
public sealed record GpcmAddBuddyRequest(int? SessionKey, uint NewProfileId, string Reason) : GpcmClientMessage
{
    internal static GpcmParseResult FromMessage(GameSpyMessage message) =>
        GpcmFields.TryReadProfileId(message.GetValueOrNull("newprofileid"), out var profileId)
            ? GpcmParseResult.Ok(new GpcmAddBuddyRequest(GpcmFields.ReadSessionKey(message), profileId, message.GetValueOrNull("reason") ?? string.Empty))
            : GpcmParseResult.Fail(GpError.For(GpErrorCode.AddBuddy));

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("addbuddy", string.Empty);
        if (SessionKey is { } key)
        {
            writer.Write("sesskey", key);
        }

        writer.Write("newprofileid", NewProfileId);
        writer.Write("reason", Reason);
        writer.WriteFinal();
    }
}
