using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary><c>\getprofile\\sesskey\…\profileid\…\id\…</c>: read a profile; answered with <see cref="GpcmProfileInfo"/>.</summary>
/// <param name="SessionKey">Echoed session key, null when absent or not a number.</param>
/// <param name="ProfileId">The profile to read.</param>
/// <param name="OperationId"><c>id</c>, echoed in the reply.</param>
public sealed record GpcmGetProfileRequest(int? SessionKey, uint ProfileId, string? OperationId) : GpcmClientMessage
{
    internal static GpcmParseResult FromMessage(GameSpyMessage message)
    {
        var id = message.GetValueOrNull("id");
        return GpcmFields.TryReadProfileId(message.GetValueOrNull("profileid"), out var profileId)
            ? GpcmParseResult.Ok(new GpcmGetProfileRequest(GpcmFields.ReadSessionKey(message), profileId, id))
            : GpcmParseResult.Fail(GpError.For(GpErrorCode.GetProfile, id));
    }

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("getprofile", string.Empty);
        if (SessionKey is { } key)
        {
            writer.Write("sesskey", key);
        }

        writer.Write("profileid", ProfileId);
        if (OperationId is not null)
        {
            writer.Write("id", OperationId);
        }

        writer.WriteFinal();
    }
}
