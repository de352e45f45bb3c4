using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary><c>\authadd\\sesskey\…\fromprofileid\…\sig\…</c>: accept a friend request.</summary>
/// <param name="SessionKey">Echoed session key, null when absent or not a number.</param>
/// <param name="FromProfileId">The profile that asked.</param>
/// <param name="Signature"><c>sig</c> from the request; empty when absent.</param>
public sealed record GpcmAuthAddRequest(int? SessionKey, uint FromProfileId, string Signature) : GpcmClientMessage
{
    internal static GpcmParseResult FromMessage(GameSpyMessage message) =>
        GpcmFields.TryReadProfileId(message.GetValueOrNull("fromprofileid"), out var profileId)
            ? GpcmParseResult.Ok(new GpcmAuthAddRequest(GpcmFields.ReadSessionKey(message), profileId, message.GetValueOrNull("sig") ?? string.Empty))
            : GpcmParseResult.Fail(GpError.For(GpErrorCode.AuthAdd));

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("authadd", string.Empty);
        if (SessionKey is { } key)
        {
            writer.Write("sesskey", key);
        }

        writer.Write("fromprofileid", FromProfileId);
        writer.Write("sig", Signature);
        writer.WriteFinal();
    }
}
