using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Wiimmfi.Protocols.Common;

/// <summary>
/// A GameSpy Presence error message:
/// <c>\error\\err\&lt;code&gt;[\fatal\]\errmsg\&lt;text&gt;[\id\&lt;operation id&gt;]\final\</c>.
/// </summary>
/// <remarks>
/// A fatal error tells the client it is being dropped: the server closes the socket right after
/// sending it. Key order follows AltWFC (err, fatal, errmsg, id); the GP SDK looks keys up by name.
/// </remarks>
/// <param name="Code">The error code (wire number).</param>
/// <param name="Message">Human-readable text; the console does not show it.</param>
/// <param name="IsFatal">Whether the <c>\fatal\</c> flag is sent.</param>
/// <param name="OperationId">The <c>id</c> of the request being answered, when it had one.</param>
public sealed record GpError(GpErrorCode Code, string Message, bool IsFatal, string? OperationId = null) : IGameSpyWritable
{
    /// <summary>The error with its usual text and fatality.</summary>
    public static GpError For(GpErrorCode code, string? operationId = null) =>
        new(code, DefaultMessage(code), IsFatalByDefault(code), operationId);

    /// <summary>
    /// Whether the GP SDK treats <paramref name="code"/> as fatal: the general errors (0–8), the
    /// login family (0x100–0x10C) and, as WiiLink sends them, the new-user family (0x200–0x204).
    /// </summary>
    public static bool IsFatalByDefault(GpErrorCode code) => (int)code is <= 0x008 or (>= 0x100 and <= 0x10C) or (>= 0x200 and <= 0x204);

    /// <summary>Default text for <paramref name="code"/>.</summary>
    public static string DefaultMessage(GpErrorCode code) => code switch
    {
        GpErrorCode.General => "There was an unknown error.",
        GpErrorCode.Parse => "There was an error parsing an incoming request.",
        GpErrorCode.NotLoggedIn => "This request cannot be processed because you are not logged in.",
        GpErrorCode.BadSessionKey => "This request cannot be processed because the session key is invalid.",
        GpErrorCode.Database => "This request cannot be processed because of a database error.",
        GpErrorCode.Network => "There was an error connecting a network socket.",
        GpErrorCode.ForcedDisconnect => "This profile has been disconnected by another login.",
        GpErrorCode.ConnectionClosed => "The server has closed the connection.",
        GpErrorCode.UdpLayer => "There was a problem with the UDP layer.",
        GpErrorCode.Login => "There was an error logging in to the GP backend.",
        GpErrorCode.LoginTimeout => "The login attempt timed out.",
        GpErrorCode.LoginBadPreAuth => "There was an error validating the pre-authentication.",
        GpErrorCode.LoginTicketInvalid => "The login ticket is not valid.",
        GpErrorCode.LoginTicketExpired => "The login ticket has expired.",
        GpErrorCode.AddBuddy or GpErrorCode.AddBuddyBadNew => "The buddy could not be added.",
        GpErrorCode.AuthAddBadFrom => "The profile asking for authorisation is not a mutual buddy.",
        GpErrorCode.BuddyMessage => "The buddy message could not be delivered.",
        GpErrorCode.BuddyMessageNotBuddy => "The message target is not a buddy.",
        GpErrorCode.BuddyMessageBuddyOffline => "The buddy is offline.",
        GpErrorCode.GetProfile => "The profile id is not valid.",
        GpErrorCode.GetProfileBadProfile => "The profile does not exist.",
        GpErrorCode.DelBuddy => "The buddy could not be removed.",
        GpErrorCode.DelBuddyNotBuddy => "The profile is not a buddy.",
        GpErrorCode.Search => "There was an error searching for a profile.",
        GpErrorCode.SearchConnectionFailed => "The search connection failed.",
        GpErrorCode.SearchTimedOut => "The search timed out.",
        _ => "The request failed.",
    };

    /// <summary>Reads an <c>\error\</c> message (the console emulator and tests use this).</summary>
    public static bool TryParse(GameSpyMessage message, [NotNullWhen(true)] out GpError? error)
    {
        error = null;
        if (message.Command != "error"
            || !message.TryGetValue("err", out var codeText)
            || !int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        error = new GpError((GpErrorCode)code, message.GetValueOrNull("errmsg") ?? string.Empty, message.Contains("fatal"), message.GetValueOrNull("id"));
        return true;
    }

    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("error", string.Empty);
        writer.Write("err", (long)Code);
        if (IsFatal)
        {
            writer.Write("fatal", string.Empty);
        }

        writer.Write("errmsg", Message);
        if (OperationId is not null)
        {
            writer.Write("id", OperationId);
        }

        writer.WriteFinal();
    }
}
