using System.Globalization;
using System.Xml.Linq;
using Wiimmfi.Protocols.Sake.Files;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Protocols.Race;

/// <summary>
/// Parses and validates a RACE SOAP request (race.md §2–3).
/// </summary>
/// <remarks>
/// Errors follow WiiLink, whose answers MKW accepts: anything unreadable (bad XML, a number that is
/// not a number, a SOAPAction header that names no action or another action than the body) is
/// <see cref="RaceResponseCode.ParseError"/> (101); readable but out-of-range values (game id other
/// than 1687, region outside 0–7, course outside 0–32767) are
/// <see cref="RaceResponseCode.InvalidParameters"/> (105). Absent elements read as 0, as Go's XML
/// decoder does, and therefore usually end as 105. The element namespace is not enforced for
/// children; the action element must be in the RaceService namespace (with or without the trailing slash).
/// </remarks>
public static class RaceRequestParser
{
    /// <summary>
    /// Default XML bounds for RACE: 64 KiB is ten times the largest SDK request (SubmitScores for 32
    /// courses with 0x50-byte player infos).
    /// </summary>
    public static SoapLimits DefaultLimits { get; } = new() { MaxBodyBytes = 64 * 1024, MaxElements = 1024 };

    public static RaceRequestParseResult Parse(ReadOnlySpan<byte> body, string? soapActionHeader, SoapLimits? limits = null)
    {
        limits ??= DefaultLimits;
        string? headerAction = null;
        if (soapActionHeader is not null && !SoapActionHeader.TryGetAction(soapActionHeader, RaceWire.Namespace, out headerAction))
        {
            return RaceRequestParseResult.Failed(null, RaceResponseCode.ParseError, "SOAPAction header names no RaceService action.");
        }
        RaceAction? headerActionValue = TryParseAction(headerAction, out var named) ? named : null;

        if (!SoapEnvelopeReader.TryReadBodyContent(body, limits, out var element, out var fault))
        {
            return RaceRequestParseResult.Failed(headerActionValue, RaceResponseCode.ParseError, fault.Reason);
        }
        if (element.Name.NamespaceName.TrimEnd('/') != RaceWire.Namespace.TrimEnd('/'))
        {
            return RaceRequestParseResult.Failed(headerActionValue, RaceResponseCode.ParseError, $"Body element {element.Name} is not in the RaceService namespace.");
        }
        var name = element.Name.LocalName;
        if (!TryParseAction(name, out var action))
        {
            return RaceRequestParseResult.Unknown(name);
        }
        if (headerAction is not null && headerAction != name)
        {
            return RaceRequestParseResult.Failed(action, RaceResponseCode.ParseError, $"SOAPAction header names {headerAction}, the body {name}.");
        }

        try
        {
            var request = Read(element, action);
            var problem = Validate(request);
            return problem is null
                ? RaceRequestParseResult.Success(request)
                : RaceRequestParseResult.Failed(action, RaceResponseCode.InvalidParameters, problem);
        }
        catch (FormatException exception)
        {
            return RaceRequestParseResult.Failed(action, RaceResponseCode.ParseError, exception.Message);
        }
    }

    // Exact names only: Enum.TryParse would also take numbers and comma lists.
    private static bool TryParseAction(string? name, out RaceAction action)
    {
        action = default;
        return name is not null && Enum.TryParse(name, ignoreCase: false, out action) && Enum.IsDefined(action) && action.ToString() == name;
    }

    private static RaceRequest Read(XElement element, RaceAction action)
    {
        switch (action)
        {
            case RaceAction.GetTopTenRankings:
                return new RaceRankingsRequest(action, Int(element, "gameid"), Int(element, "regionid"), Int(element, "courseid"), null);
            case RaceAction.GetTenAboveRankings:
            case RaceAction.GetFriendRankings:
                return new RaceRankingsRequest(action, Int(element, "gameid"), Int(element, "regionid"), Int(element, "courseid"), Int(element, "profileid"));
            case RaceAction.GetRegionalData:
                return new RaceRegionalDataRequest(Int(element, "gameid"), Int(element, "regionid"));
            case RaceAction.GetContestData:
                return new RaceContestDataRequest(Int(element, "gameid"), Int(element, "regionid"), Int(element, "courseid"));
            case RaceAction.SubmitGhost:
                return new RaceSubmitGhostRequest(Int(element, "gameid"), Int(element, "regionid"), Int(element, "courseid"),
                    Int(element, "profileid"), Int(element, "score"), Int(element, "fileid"));
            default:
                var gameData = Child(element, "gameData") ?? new XElement("gameData");
                var scores = new List<RaceScore>();
                foreach (var score in Child(gameData, "ScoreDatas")?.Elements() ?? [])
                {
                    if (score.Name.LocalName != "ScoreData")
                    {
                        continue;
                    }
                    if (scores.Count == RaceSubmitScoresRequest.MaxScores)
                    {
                        throw new FormatException($"More than {RaceSubmitScoresRequest.MaxScores} scores.");
                    }
                    scores.Add(new RaceScore(Int(score, "time"), Int(score, "courseid"), PlayerInfo(score)));
                }
                return new RaceSubmitScoresRequest(Int(gameData, "gameid"), Int(gameData, "regionid"), Int(gameData, "profileid"),
                    Int(gameData, "scoremode"), scores);
        }
    }

    private static string? Validate(RaceRequest request)
    {
        if (request.GameId != RaceWire.MarioKartWiiGameId)
        {
            return $"Game id {request.GameId} is not Mario Kart Wii.";
        }
        return request switch
        {
            RaceRankingsRequest r => Region(r.RegionId) ?? Course(r.CourseId) ?? (r.ProfileId is <= 0 ? "profileid must be positive." : null),
            RaceContestDataRequest c => Region(c.RegionId) ?? Course(c.CourseId),
            RaceSubmitGhostRequest g => Region(g.RegionId) ?? Course(g.CourseId)
                ?? (g.ProfileId <= 0 ? "profileid must be positive." : null)
                ?? (g.Score is <= 0 or >= MkwCourses.TimeLimitMilliseconds ? "score is outside 1..359999 ms." : null),
            RaceSubmitScoresRequest s => Region(s.RegionId)
                ?? (s.ProfileId <= 0 ? "profileid must be positive." : null)
                ?? (s.ScoreMode is not (0 or 1) ? "scoremode is not 0 or 1." : null)
                ?? (s.Scores.Count == 0 ? "No scores." : null)
                ?? s.Scores.Select(score => Course(score.CourseId)
                        ?? (score.Time is <= 0 or >= MkwCourses.TimeLimitMilliseconds ? "time is outside 1..359999 ms." : null)
                        ?? (score.PlayerInfo.Length != RaceWire.PlayerInfoSize ? "playerinfobase64 is not 0x50 bytes." : null))
                    .FirstOrDefault(problem => problem is not null),
            // GetRegionalData: the SDK sends the game id as region id, so the region is not checked.
            _ => null,
        };
    }

    private static string? Region(int regionId) =>
        regionId is >= 0 and <= MkwCourses.LastRegion ? null : $"Region {regionId} is outside 0..{MkwCourses.LastRegion}.";

    private static string? Course(int courseId) =>
        courseId is >= 0 and <= MkwCourses.LastCompetitionCourse ? null : $"Course {courseId} is outside 0..{MkwCourses.LastCompetitionCourse}.";

    private static XElement? Child(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static int Int(XElement parent, string name)
    {
        var child = Child(parent, name);
        if (child is null)
        {
            return 0;
        }
        var text = child.Value.Trim();
        if (text.Length > 11 || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"<{name}> is not a 32-bit integer.");
        }
        return value;
    }

    private static byte[] PlayerInfo(XElement score)
    {
        var text = Child(score, "playerinfobase64")?.Value.Trim() ?? "";
        if (text.Length > 1024)
        {
            throw new FormatException("<playerinfobase64> is too long.");
        }
        var buffer = new byte[(text.Length + 3) / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            throw new FormatException("<playerinfobase64> is not base64.");
        }
        return buffer[..written];
    }
}
