using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml.Linq;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Protocols.Race;

/// <summary>Reads a ranking answer as the console does (console emulator, round-trip tests).</summary>
public static class RaceResponseParser
{
    /// <summary>
    /// Reads a ranking list from either form: WiiLink's bare <c>RankingDataResponse</c> root or a
    /// SOAP envelope around it. Like the SDK, it looks for <c>responseCode</c> and <c>dataArray</c>
    /// wherever they are.
    /// </summary>
    public static bool TryParseRankings(ReadOnlySpan<byte> body, [NotNullWhen(true)] out RaceRankingResponse? response, [NotNullWhen(false)] out string? error)
    {
        response = null;
        if (!SoapEnvelopeReader.TryLoad(body, RaceRequestParser.DefaultLimits, out var root, out var fault))
        {
            error = fault.Reason;
            return false;
        }
        var codeElement = root.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == "responseCode");
        if (codeElement is null || !int.TryParse(codeElement.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
        {
            error = "responseCode is missing.";
            return false;
        }
        var entries = new List<RaceRankingEntry>();
        foreach (var data in root.Descendants().Where(e => e.Name.LocalName == "RankingData"))
        {
            if (!TryInt(data, "ownerid", out var owner) || !TryInt(data, "rank", out var rank) || !TryInt(data, "time", out var time))
            {
                error = "A RankingData entry is incomplete.";
                return false;
            }
            int? ghostFile = TryInt(data, "ghostfile", out var ghost) ? ghost : null;
            var userData = Child(data, "userdata")?.Value.Trim() ?? "";
            var bytes = new byte[(userData.Length + 3) / 4 * 3];
            if (!Convert.TryFromBase64String(userData, bytes, out var written))
            {
                error = "userdata is not base64.";
                return false;
            }
            entries.Add(new RaceRankingEntry(owner, rank, time, bytes[..written], ghostFile));
        }
        var numRecords = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "numrecords");
        if (numRecords is null || numRecords.Value.Trim() != entries.Count.ToString(CultureInfo.InvariantCulture))
        {
            error = "numrecords does not match the entries.";
            return false;
        }
        response = new RaceRankingResponse((RaceResponseCode)code, entries);
        error = null;
        return true;
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static bool TryInt(XElement parent, string name, out int value)
    {
        value = 0;
        var child = Child(parent, name);
        return child is not null && int.TryParse(child.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
