using System.Globalization;
using System.Text;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Protocols.Race;

/// <summary>Serialises RACE requests as the GameSpy Racing SDK does (for the console emulator and tests).</summary>
public static class RaceRequestWriter
{
    /// <summary>The <c>SOAPAction</c> header value, quotes included.</summary>
    public static string SoapAction(RaceAction action) => SoapActionHeader.Format(RaceWire.Namespace, action.ToString());

    public static byte[] Write(RaceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var action = request.Action.ToString();
        var builder = new StringBuilder(512);
        builder.Append(SoapXmlText.Declaration)
            .Append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"").Append(SoapNamespaces.Envelope)
            .Append("\" xmlns:ns1=\"").Append(RaceWire.Namespace).Append("\"><SOAP-ENV:Body><ns1:").Append(action).Append('>');
        switch (request)
        {
            case RaceRankingsRequest rankings:
                Int(builder, "gameid", rankings.GameId);
                Int(builder, "regionid", rankings.RegionId);
                Int(builder, "courseid", rankings.CourseId);
                if (rankings.ProfileId is { } profileId)
                {
                    Int(builder, "profileid", profileId);
                }
                break;
            case RaceRegionalDataRequest regional:
                Int(builder, "gameid", regional.GameId);
                Int(builder, "regionid", regional.RegionId);
                break;
            case RaceContestDataRequest contest:
                Int(builder, "gameid", contest.GameId);
                Int(builder, "regionid", contest.RegionId);
                Int(builder, "courseid", contest.CourseId);
                break;
            case RaceSubmitGhostRequest ghost:
                Int(builder, "gameid", ghost.GameId);
                Int(builder, "regionid", ghost.RegionId);
                Int(builder, "courseid", ghost.CourseId);
                Int(builder, "profileid", ghost.ProfileId);
                Int(builder, "score", ghost.Score);
                Int(builder, "fileid", ghost.FileId);
                break;
            case RaceSubmitScoresRequest scores:
                builder.Append("<ns1:gameData>");
                Int(builder, "regionid", scores.RegionId);
                Int(builder, "profileid", scores.ProfileId);
                Int(builder, "gameid", scores.GameId);
                Int(builder, "scoremode", scores.ScoreMode);
                builder.Append("<ns1:ScoreDatas>");
                foreach (var score in scores.Scores)
                {
                    builder.Append("<ns1:ScoreData>");
                    Int(builder, "time", score.Time);
                    Int(builder, "courseid", score.CourseId);
                    SoapXmlText.AppendElement(builder, "ns1:playerinfobase64", Convert.ToBase64String(score.PlayerInfo));
                    builder.Append("</ns1:ScoreData>");
                }
                builder.Append("</ns1:ScoreDatas></ns1:gameData>");
                break;
        }
        builder.Append("</ns1:").Append(action).Append("></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void Int(StringBuilder builder, string name, int value) =>
        SoapXmlText.AppendElement(builder, "ns1:" + name, value.ToString(CultureInfo.InvariantCulture));
}
