using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// A message a console sends to GPCM. Subtypes: <see cref="GpcmLoginRequest"/>,
/// <see cref="GpcmGetProfileRequest"/>, <see cref="GpcmUpdateProRequest"/>,
/// <see cref="GpcmUpdateUiRequest"/>, <see cref="GpcmStatusRequest"/>,
/// <see cref="GpcmAddBuddyRequest"/>, <see cref="GpcmAuthAddRequest"/>,
/// <see cref="GpcmDelBuddyRequest"/>, <see cref="GpcmBuddyMessageRequest"/>,
/// <see cref="GpcmKeepAlive"/>, <see cref="GpcmLogoutRequest"/> and
/// <see cref="GpcmUnknownCommand"/>.
/// </summary>
/// <remarks>
/// Parsing only checks syntax (numbers are numbers, required keys exist); what a message means
/// for the session (logged in? buddy? same game?) is the session's decision. Every subtype can
/// also write itself, so the console emulator and tests build messages with the same types.
/// </remarks>
public abstract record GpcmClientMessage : IGameSpyWritable
{
    /// <summary>Turns a framed, parsed GameSpy message into a typed message or a GP error. Never throws on bad input.</summary>
    public static GpcmParseResult Parse(GameSpyMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Command switch
        {
            "login" => GpcmLoginRequest.FromMessage(message),
            "getprofile" => GpcmGetProfileRequest.FromMessage(message),
            "updatepro" => GpcmParseResult.Ok(GpcmUpdateProRequest.FromMessage(message)),
            "updateui" => GpcmParseResult.Ok(GpcmUpdateUiRequest.FromMessage(message)),
            "status" => GpcmStatusRequest.FromMessage(message),
            "addbuddy" => GpcmAddBuddyRequest.FromMessage(message),
            "authadd" => GpcmAuthAddRequest.FromMessage(message),
            "delbuddy" => GpcmDelBuddyRequest.FromMessage(message),
            "bm" => GpcmBuddyMessageRequest.FromMessage(message),
            "ka" => GpcmParseResult.Ok(GpcmKeepAlive.Instance),
            "logout" => GpcmParseResult.Ok(new GpcmLogoutRequest(GpcmFields.ReadSessionKey(message))),
            _ => GpcmParseResult.Ok(new GpcmUnknownCommand(message)),
        };
    }

    /// <inheritdoc />
    public abstract void WriteTo(IBufferWriter<byte> output);
}
