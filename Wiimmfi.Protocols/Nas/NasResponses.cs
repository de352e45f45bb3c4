using System.Globalization;
using System.Text;

namespace Wiimmfi.Protocols.Nas;

/// <summary>
/// Builders for every NAS reply the sheet documents. Times are written as UTC
/// <c>yyyyMMddHHmmss</c>; pass the server's current time.
/// </summary>
public static class NasResponses
{
    /// <summary>The <c>locator</c> value of every login reply.</summary>
    public const string Locator = "gamespy.com";

    /// <summary>Download-service host named in <c>svcloc</c> replies for <c>svc</c> 9000/9001.</summary>
    public const string DefaultDownloadHost = "dls1.nintendowifi.net";

    /// <summary>Formats <paramref name="time"/> as NAS <c>datetime</c> (UTC).</summary>
    public static string FormatDateTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>
    /// Successful login: <c>retry=0</c>, <c>returncd</c> (001, or 040 for a profane name), <c>locator</c>,
    /// the NAS <c>challenge</c>, the auth <c>token</c> and <c>datetime</c>.
    /// </summary>
    public static NasResponse Login(string challenge, string token, DateTimeOffset now, NasReturnCode code = NasReturnCode.LoginOk)
    {
        if (code is not (NasReturnCode.LoginOk or NasReturnCode.ProfaneName))
        {
            throw new ArgumentOutOfRangeException(nameof(code), "A successful login answers 001 or 040.");
        }

        return new NasResponse()
            .Set("retry", "0")
            .Set("returncd", code.ToWireText())
            .Set("locator", Locator)
            .Set("challenge", challenge)
            .Set("token", token)
            .Set("datetime", FormatDateTime(now));
    }

    /// <summary>Login with a missing or malformed field: <c>retry=0</c>, <c>returncd=103</c>, <c>locator</c>, <c>datetime</c>.</summary>
    public static NasResponse BadLoginRequest(DateTimeOffset now) => new NasResponse()
        .Set("retry", "0")
        .Set("returncd", NasReturnCode.BadLoginRequest.ToWireText())
        .Set("locator", Locator)
        .Set("datetime", FormatDateTime(now));

    /// <summary>
    /// A refused login or account creation (ban, maintenance, registration): <c>retry=1</c>, the
    /// code, <c>locator</c>, an optional human <c>reason</c> and <c>datetime</c> (AltWFC's form).
    /// </summary>
    public static NasResponse Refused(NasReturnCode code, string? reason, DateTimeOffset now)
    {
        var response = new NasResponse()
            .Set("retry", "1")
            .Set("returncd", code.ToWireText())
            .Set("locator", Locator)
            .Set("datetime", FormatDateTime(now));
        if (!string.IsNullOrEmpty(reason))
        {
            response.Set("reason", reason);
        }

        return response;
    }

    /// <summary>Account created: <c>retry=0</c>, <c>returncd=002</c>, the new <c>userid</c> in decimal, <c>datetime</c>.</summary>
    public static NasResponse AcctCreate(ulong userId, DateTimeOffset now) => new NasResponse()
        .Set("retry", "0")
        .Set("returncd", NasReturnCode.AcctCreateOk.ToWireText())
        .Set("userid", userId.ToString(CultureInfo.InvariantCulture))
        .Set("datetime", FormatDateTime(now));

    /// <summary>
    /// Service location: <c>retry=0</c>, <c>returncd=007</c>, <c>statusdata=Y</c>, <c>datetime</c>, and
    /// for <c>svc=9000</c> <c>token</c> + the download host; for <c>9001</c> <c>servicetoken</c> + the
    /// download host; otherwise <c>servicetoken</c> + <c>svchost=n/a</c> (an empty svc without these
    /// fields causes error 24101 in Fortune Street).
    /// </summary>
    public static NasResponse SvcLoc(string? service, string serviceToken, DateTimeOffset now, string downloadHost = DefaultDownloadHost)
    {
        var response = new NasResponse()
            .Set("retry", "0")
            .Set("returncd", NasReturnCode.SvcLocOk.ToWireText())
            .Set("statusdata", "Y")
            .Set("datetime", FormatDateTime(now));
        switch (service)
        {
            case "9000":
                response.Set("token", serviceToken).Set("svchost", downloadHost);
                break;
            case "9001":
                response.Set("servicetoken", serviceToken).Set("svchost", downloadHost);
                break;
            default:
                response.Set("servicetoken", serviceToken).Set("svchost", "n/a");
                break;
        }

        return response;
    }

    /// <summary>Unknown action (current WiiLink): <c>retry=0</c>, <c>returncd=109</c>.</summary>
    public static NasResponse UnknownAction() => new NasResponse()
        .Set("retry", "0")
        .Set("returncd", NasReturnCode.UnknownAction.ToWireText());

    /// <summary>
    /// Profanity answer: <c>prwords</c> has one <c>1</c> (bad) or <c>0</c> (clean) per word;
    /// <c>returncd</c> is 040 when any word is bad, else 000. With <paramref name="perRegion"/>
    /// the same string is also sent as <c>prwordsA/C/E/J/K/P</c>.
    /// </summary>
    public static NasResponse Profanity(IReadOnlyList<bool> wordIsProfane, bool perRegion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(wordIsProfane);
        var flags = new StringBuilder(wordIsProfane.Count);
        var any = false;
        foreach (var bad in wordIsProfane)
        {
            flags.Append(bad ? '1' : '0');
            any |= bad;
        }

        var text = flags.ToString();
        var response = new NasResponse()
            .Set("returncd", (any ? NasReturnCode.ProfaneName : NasReturnCode.ProfanityClean).ToWireText())
            .Set("prwords", text)
            .Set("datetime", FormatDateTime(now));
        if (perRegion)
        {
            foreach (var region in "ACEJKP")
            {
                response.Set("prwords" + region, text);
            }
        }

        return response;
    }
}
