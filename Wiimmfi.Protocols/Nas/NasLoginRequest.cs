using System.Globalization;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Nas;

/// <summary>
/// <c>action=login</c>, validated. Every field the token binds is here in typed form.
/// </summary>
/// <param name="UserId">Console user id, below 2^43.</param>
/// <param name="Gsbrcd">The branch code (profile key part). When the console sent it empty, this is
/// the first three characters of <c>gamecd</c> + <c>J</c> (WiiLink's substitute), see <see cref="GsbrcdWasEmpty"/>.</param>
/// <param name="GsbrcdWasEmpty">True when <see cref="Gsbrcd"/> was substituted.</param>
/// <param name="GameCode">ID4 of the running disc.</param>
/// <param name="Platform">DS or Wii (<c>unitcd</c>).</param>
/// <param name="ConsoleFriendCode">Wii number (<c>cfc</c>); 0 on DS.</param>
/// <param name="Region">Region byte; 0xFF when absent (always on DS).</param>
/// <param name="Language">Language byte; 0xFF when absent.</param>
/// <param name="InGameName">In-game name decoded from UTF-16 (DS without <c>ingamesn</c>: the <c>devname</c>).</param>
/// <param name="InGameNameRaw">The in-game name bytes exactly as sent (UTF-16 in the platform's order).</param>
/// <param name="DeviceName">DS user name (<c>devname</c>), null on Wii.</param>
/// <param name="Console">Descriptive console fields.</param>
/// <param name="Form">The whole decoded form.</param>
public sealed record NasLoginRequest(
    ulong UserId,
    string Gsbrcd,
    bool GsbrcdWasEmpty,
    string GameCode,
    NasPlatform Platform,
    ulong ConsoleFriendCode,
    byte Region,
    byte Language,
    string InGameName,
    byte[] InGameNameRaw,
    string? DeviceName,
    NasConsoleInfo Console,
    NasForm Form) : NasAcRequest(Console, Form)
{
    /// <summary>Longest accepted gsbrcd (the token stores 16 bytes; real ones have 11).</summary>
    public const int MaxGsbrcdLength = 16;

    /// <summary>Longest accepted <c>csnum</c> (WiiLink's bound; real serials have 9–12 characters).</summary>
    public const int MaxSerialNumberLength = 16;

    /// <inheritdoc />
    public override NasAction Action => NasAction.Login;

    /// <summary>
    /// Validates the login fields (WiiLink's rules, plus: gamecd is 4 characters and gsbrcd has no
    /// backslash or control character, since it becomes part of a GPCM nick). Returns the problem
    /// or <see cref="NasLoginProblem.None"/> with <paramref name="request"/> set.
    /// </summary>
    public static NasLoginProblem TryParse(NasForm form, NasConsoleInfo console, out NasLoginRequest? request)
    {
        request = null;
        var gameCode = form.GetText("gamecd");
        if (gameCode is null)
        {
            return NasLoginProblem.MissingGameCode;
        }

        if (gameCode.Length != 4 || !IsCleanAscii(gameCode))
        {
            return NasLoginProblem.InvalidGameCode;
        }

        var userIdText = form.GetText("userid");
        if (userIdText is null)
        {
            return NasLoginProblem.MissingUserId;
        }

        if (userIdText.Length is 0 or > 13
            || !ulong.TryParse(userIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || userId > UniqueNick.MaxUserId)
        {
            return NasLoginProblem.InvalidUserId;
        }

        var gsbrcd = form.GetText("gsbrcd");
        if (gsbrcd is null)
        {
            return NasLoginProblem.MissingGsbrcd;
        }

        var gsbrcdWasEmpty = gsbrcd.Length == 0;
        if (gsbrcdWasEmpty)
        {
            gsbrcd = string.Concat(gameCode.AsSpan(0, 3), "J");
        }
        else if (gsbrcd.Length is < 4 or > MaxGsbrcdLength || !IsCleanAscii(gsbrcd))
        {
            return NasLoginProblem.InvalidGsbrcd;
        }

        var unitCode = form.GetText("unitcd");
        if (unitCode is null)
        {
            return NasLoginProblem.MissingUnitCode;
        }

        NasPlatform platform;
        switch (unitCode)
        {
            case "0": platform = NasPlatform.Ds; break;
            case "1": platform = NasPlatform.Wii; break;
            default: return NasLoginProblem.InvalidUnitCode;
        }

        if (!TryReadHexByte(form.GetText("lang"), out var language))
        {
            return NasLoginProblem.InvalidLanguage;
        }

        var serial = form.GetText("csnum");
        if (serial is not null && serial.Length > MaxSerialNumberLength)
        {
            return NasLoginProblem.InvalidSerialNumber;
        }

        ulong consoleFriendCode = 0;
        byte region = 0xFF;
        string? deviceName = null;
        if (platform == NasPlatform.Wii)
        {
            var cfc = form.GetText("cfc");
            if (cfc is null)
            {
                return NasLoginProblem.MissingConsoleFriendCode;
            }

            if (!Common.ConsoleFriendCode.TryParse(cfc, out consoleFriendCode))
            {
                return NasLoginProblem.InvalidConsoleFriendCode;
            }

            if (!TryReadHexByte(form.GetText("region"), out region))
            {
                return NasLoginProblem.InvalidRegion;
            }
        }
        else
        {
            deviceName = form.GetUtf16("devname", NasPlatform.Ds);
            if (deviceName is null)
            {
                return NasLoginProblem.MissingDeviceName;
            }
        }

        byte[] rawName;
        string inGameName;
        if (form.TryGetBytes("ingamesn", out var ingamesn))
        {
            rawName = ingamesn;
            inGameName = NasForm.DecodeUtf16(ingamesn, platform == NasPlatform.Wii);
        }
        else if (platform == NasPlatform.Ds && form.TryGetBytes("devname", out var devname))
        {
            rawName = devname;
            inGameName = deviceName!;
        }
        else
        {
            rawName = [];
            inGameName = string.Empty;
        }

        request = new NasLoginRequest(userId, gsbrcd, gsbrcdWasEmpty, gameCode, platform, consoleFriendCode, region, language,
            inGameName, rawName, deviceName, console, form);
        return NasLoginProblem.None;
    }

    // "ff" when absent, as WiiLink; otherwise exactly two hex digits.
    private static bool TryReadHexByte(string? text, out byte value)
    {
        value = 0xFF;
        return text is null
               || (text.Length == 2 && byte.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value));
    }

    private static bool IsCleanAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < '!' or > '~' || c == '\\')
            {
                return false;
            }
        }

        return true;
    }
}
