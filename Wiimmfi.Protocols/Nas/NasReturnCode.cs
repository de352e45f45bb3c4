using System.Globalization;

namespace Wiimmfi.Protocols.Nas;

/// <summary>
/// NAS <c>returncd</c> values. Frozen wire numbers: append only. Written with at least three
/// digits (<c>001</c>, <c>3913</c>). The console shows refusals as error 2xxxx (20000 + code,
/// community observation, unconfirmed).
/// </summary>
public enum NasReturnCode
{
    /// <summary><c>000</c>: /pr found no bad word.</summary>
    ProfanityClean = 0,

    /// <summary><c>001</c>: login succeeded.</summary>
    LoginOk = 1,

    /// <summary><c>002</c>: account created.</summary>
    AcctCreateOk = 2,

    /// <summary><c>007</c>: service location answered.</summary>
    SvcLocOk = 7,

    /// <summary><c>040</c>: login with a profane in-game name (login still proceeds), or /pr found a bad word.</summary>
    ProfaneName = 40,

    /// <summary>
    /// <c>101</c>: the server is in maintenance, try later (shown as error 20101). From the community's
    /// collected error list (via the spiritonline.net constants), not from WiiLink or AltWFC.
    /// </summary>
    ServerMaintenance = 101,

    /// <summary><c>103</c>: login with a required field missing or malformed.</summary>
    BadLoginRequest = 103,

    /// <summary>
    /// <c>107</c>: the game is not supported (disabled by the operator). Same source as
    /// <see cref="ServerMaintenance"/>.
    /// </summary>
    GameNotSupported = 107,

    /// <summary><c>109</c>: unknown action (current WiiLink; older versions answer HTTP 400).</summary>
    UnknownAction = 109,

    /// <summary><c>3888</c>: login refused, console registration pending (AltWFC, off by default).</summary>
    RegistrationPending = 3888,

    /// <summary><c>3913</c>: account creation refused (banned), with <c>retry=1</c>.</summary>
    AcctCreateBanned = 3913,

    /// <summary><c>3914</c>: login refused (banned), with <c>retry=1</c>.</summary>
    LoginBanned = 3914,

    /// <summary><c>3921</c>: login refused, console unknown to the registration system (AltWFC, off by default).</summary>
    ConsoleNotRegistered = 3921,
}

/// <summary>Formatting of <see cref="NasReturnCode"/>.</summary>
public static class NasReturnCodeExtensions
{
    /// <summary>The code as sent in <c>returncd</c>: at least three digits.</summary>
    public static string ToWireText(this NasReturnCode code) => ((int)code).ToString("D3", CultureInfo.InvariantCulture);
}
