using System.Globalization;
using System.Text;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Protocols.Race;

/// <summary>
/// Serialises RACE answers. The ranking list is byte-for-byte WiiLink's form — no SOAP envelope, the
/// result object as the root, no white space — which MKW is known to accept. The SDK-only answers
/// (unconfirmed for MKW) use a conventional SOAP envelope with the <c>…Response/…Result</c> elements
/// the SDK parser looks for. Send as <c>text/xml</c>, HTTP 200.
/// </summary>
public static class RaceResponseWriter
{
    /// <summary>Longest region name the SDK reads.</summary>
    public const int MaxRegionNameLength = 32;

    /// <summary>Most contest ghost bytes the SDK reads.</summary>
    public const int MaxContestGhostBytes = 16000;

    /// <summary>Message lengths the SDK reads for GetContestData.</summary>
    public const int MaxContestMessageLength = 1024;

    public static byte[] WriteRankings(RaceRankingResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var builder = new StringBuilder(256 + response.Entries.Count * 200);
        builder.Append(SoapXmlText.Declaration)
            .Append("<RankingDataResponse xmlns:xsi=\"").Append(SoapNamespaces.XmlSchemaInstance)
            .Append("\" xmlns:xsd=\"").Append(SoapNamespaces.XmlSchema)
            .Append("\" xmlns=\"").Append(RaceWire.Namespace).Append("\">");
        Int(builder, "responseCode", (int)response.Code);
        var entries = response.Code == RaceResponseCode.Success ? response.Entries : [];
        builder.Append("<dataArray>");
        Int(builder, "numrecords", entries.Count);
        foreach (var entry in entries)
        {
            builder.Append("<data><RankingData>");
            Int(builder, "ownerid", entry.OwnerId);
            Int(builder, "rank", entry.Rank);
            Int(builder, "time", entry.Time);
            if (entry.GhostFile is { } ghostFile)
            {
                Int(builder, "ghostfile", ghostFile);
            }
            SoapXmlText.AppendElement(builder, "userdata", Convert.ToBase64String(entry.UserData));
            builder.Append("</RankingData></data>");
        }
        builder.Append("</dataArray></RankingDataResponse>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>
    /// The error answer for <paramref name="action"/>: for the ranking actions a ranking list with
    /// the code and no data (WiiLink's <c>writeErrorResponse</c>), otherwise the action's result
    /// element with only the code. A request whose action could not be determined gets the ranking form.
    /// </summary>
    public static byte[] WriteError(RaceAction? action, RaceResponseCode code) => action switch
    {
        RaceAction.GetRegionalData => WriteRegionalData(code, []),
        RaceAction.GetContestData => WriteContestData(code, "", "", []),
        RaceAction.SubmitScores => WriteSubmitScores(code),
        RaceAction.SubmitGhost => WriteSubmitGhost(code),
        _ => WriteRankings(RaceRankingResponse.Error(code)),
    };

    /// <summary>
    /// Answer to an action this server does not know: a ranking-shaped answer with responseCode 7
    /// (server error), which any SDK parser reads as a failure — better than WiiLink's empty body.
    /// </summary>
    public static byte[] WriteUnknownAction() => WriteRankings(RaceRankingResponse.Error(RaceResponseCode.ServerError));

    /// <summary>GetRegionalData answer (SDK shape, unconfirmed for MKW).</summary>
    public static byte[] WriteRegionalData(RaceResponseCode code, IReadOnlyList<RaceRegion> regions)
    {
        var builder = Open("GetRegionalData");
        Int(builder, "responseCode", (int)code);
        if (code == RaceResponseCode.Success)
        {
            Int(builder, "regioncount", regions.Count);
            builder.Append("<regionDataArray>");
            foreach (var region in regions)
            {
                builder.Append("<RegionData>");
                Int(builder, "regionid", region.RegionId);
                var name = region.RegionName.Length > MaxRegionNameLength ? region.RegionName[..MaxRegionNameLength] : region.RegionName;
                SoapXmlText.AppendElement(builder, "regionname", name);
                builder.Append("</RegionData>");
            }
            builder.Append("</regionDataArray>");
        }
        return Close(builder, "GetRegionalData");
    }

    /// <summary>GetContestData answer (SDK shape, unconfirmed for MKW).</summary>
    public static byte[] WriteContestData(RaceResponseCode code, string contestMessage, string specialMessage, IReadOnlyList<RaceContestGhost> ghosts)
    {
        var builder = Open("GetContestData");
        Int(builder, "responseCode", (int)code);
        if (code == RaceResponseCode.Success)
        {
            SoapXmlText.AppendElement(builder, "contestmessage", Truncate(contestMessage, MaxContestMessageLength));
            SoapXmlText.AppendElement(builder, "specialmessage", Truncate(specialMessage, MaxContestMessageLength));
            Int(builder, "ghostcount", ghosts.Count);
            builder.Append("<contestGhostDataArray>");
            foreach (var ghost in ghosts)
            {
                if (ghost.RawData.Length > MaxContestGhostBytes)
                {
                    throw new ArgumentException($"Contest ghost larger than {MaxContestGhostBytes} bytes.", nameof(ghosts));
                }
                builder.Append("<ContestGhostData>");
                Int(builder, "profileid", ghost.ProfileId);
                Int(builder, "courseid", ghost.CourseId);
                Int(builder, "level", ghost.Level);
                SoapXmlText.AppendElement(builder, "rawdata", Convert.ToHexStringLower(ghost.RawData));
                builder.Append("</ContestGhostData>");
            }
            builder.Append("</contestGhostDataArray>");
        }
        return Close(builder, "GetContestData");
    }

    /// <summary>SubmitScores answer (SDK shape, unconfirmed for MKW).</summary>
    public static byte[] WriteSubmitScores(RaceResponseCode code)
    {
        var builder = Open("SubmitScores");
        Int(builder, "responseCode", (int)code);
        return Close(builder, "SubmitScores");
    }

    /// <summary>SubmitGhost answer (SDK shape, unconfirmed): the code is the text of <c>SubmitGhostResult</c>.</summary>
    public static byte[] WriteSubmitGhost(RaceResponseCode code)
    {
        var builder = new StringBuilder(256);
        builder.Append(SoapXmlText.Declaration)
            .Append("<soap:Envelope xmlns:soap=\"").Append(SoapNamespaces.Envelope).Append("\"><soap:Body>")
            .Append("<SubmitGhostResponse xmlns=\"").Append(RaceWire.Namespace).Append("\">");
        Int(builder, "SubmitGhostResult", (int)code);
        builder.Append("</SubmitGhostResponse></soap:Body></soap:Envelope>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static StringBuilder Open(string action)
    {
        var builder = new StringBuilder(512);
        builder.Append(SoapXmlText.Declaration)
            .Append("<soap:Envelope xmlns:soap=\"").Append(SoapNamespaces.Envelope).Append("\"><soap:Body><")
            .Append(action).Append("Response xmlns=\"").Append(RaceWire.Namespace).Append("\"><").Append(action).Append("Result>");
        return builder;
    }

    private static byte[] Close(StringBuilder builder, string action)
    {
        builder.Append("</").Append(action).Append("Result></").Append(action).Append("Response></soap:Body></soap:Envelope>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void Int(StringBuilder builder, string name, int value) =>
        SoapXmlText.AppendElement(builder, name, value.ToString(CultureInfo.InvariantCulture));

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
}
