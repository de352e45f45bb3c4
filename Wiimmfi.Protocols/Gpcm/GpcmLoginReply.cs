using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// <c>\lc\2\sesskey\…\proof\…\userid\…\profileid\…\uniquenick\…\lt\…\id\…\final\</c>: login accepted.
/// </summary>
/// <param name="SessionKey">The session key (<see cref="GpcmSessionKey"/>).</param>
/// <param name="Proof">The server proof (<see cref="GpcmLoginProof.ComputeProof"/>).</param>
/// <param name="UserId">The console user id; WiiLink sends 0 to DS clients (GP SDK bug workaround).</param>
/// <param name="ProfileId">The profile id.</param>
/// <param name="UniqueNick">The unique nick (<see cref="UniqueNick.Create"/>).</param>
/// <param name="LoginTicket">Exactly 24 characters (<see cref="GpcmLoginTicketCodec"/>).</param>
/// <param name="OperationId">The login's <c>id</c>.</param>
public sealed record GpcmLoginReply(int SessionKey, string Proof, ulong UserId, uint ProfileId, string UniqueNick, string LoginTicket, string? OperationId)
    : IGameSpyWritable
{
    /// <summary>Reads a login reply (console emulator).</summary>
    public static bool TryParse(GameSpyMessage message, [NotNullWhen(true)] out GpcmLoginReply? reply)
    {
        reply = null;
        if (message is not { Command: "lc", CommandValue: "2" }
            || !int.TryParse(message.GetValueOrNull("sesskey"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sessionKey)
            || !ulong.TryParse(message.GetValueOrNull("userid"), NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !GpcmFields.TryReadProfileId(message.GetValueOrNull("profileid"), out var profileId))
        {
            return false;
        }

        reply = new GpcmLoginReply(sessionKey, message.GetValueOrNull("proof") ?? string.Empty, userId, profileId,
            message.GetValueOrNull("uniquenick") ?? string.Empty, message.GetValueOrNull("lt") ?? string.Empty, message.GetValueOrNull("id"));
        return true;
    }

    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("lc", 2);
        writer.Write("sesskey", SessionKey);
        writer.Write("proof", Proof);
        writer.Write("userid", UserId);
        writer.Write("profileid", ProfileId);
        writer.Write("uniquenick", UniqueNick);
        writer.Write("lt", LoginTicket);
        writer.Write("id", OperationId);
        writer.WriteFinal();
    }
}
