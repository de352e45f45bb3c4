using System.Text;
using Wiimmfi.Protocols.Race;

namespace Wiimmfi.Tests.Protocols.Race;

public class RaceRequestParserTests
{
    // The request of the tockdom capture (race.md §2).
    private const string TopTenAsSent = """
        <?xml version="1.0" encoding="UTF-8"?>
        <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:ns1="http://gamespy.net/RaceService/">
         <SOAP-ENV:Body>
          <ns1:GetTopTenRankings>
           <ns1:gameid>1687</ns1:gameid>
           <ns1:regionid>0</ns1:regionid>
           <ns1:courseid>9</ns1:courseid>
          </ns1:GetTopTenRankings>
         </SOAP-ENV:Body>
        </SOAP-ENV:Envelope>
        """;

    private const string Header = "\"http://gamespy.net/RaceService/GetTopTenRankings\"";

    private static RaceRequestParseResult Parse(string xml, string? header = Header) =>
        RaceRequestParser.Parse(Encoding.UTF8.GetBytes(xml), header);

    [Fact]
    public void Captured_top_ten_request_is_read()
    {
        var result = Parse(TopTenAsSent);

        Assert.True(result.IsRequest, result.Detail);
        Assert.Equal(new RaceRankingsRequest(RaceAction.GetTopTenRankings, 1687, 0, 9, null), result.Request);
    }

    [Theory]
    [InlineData("<ns1:gameid>1687</ns1:gameid>", "<ns1:gameid>1686</ns1:gameid>")]
    [InlineData("<ns1:gameid>1687</ns1:gameid>", "")]
    [InlineData("<ns1:regionid>0</ns1:regionid>", "<ns1:regionid>8</ns1:regionid>")]
    [InlineData("<ns1:regionid>0</ns1:regionid>", "<ns1:regionid>-1</ns1:regionid>")]
    [InlineData("<ns1:courseid>9</ns1:courseid>", "<ns1:courseid>32768</ns1:courseid>")]
    [InlineData("<ns1:courseid>9</ns1:courseid>", "<ns1:courseid>-1</ns1:courseid>")]
    public void Out_of_range_parameters_are_answered_with_105(string original, string replacement)
    {
        var result = Parse(TopTenAsSent.Replace(original, replacement));

        Assert.Equal(RaceParseOutcome.Error, result.Outcome);
        Assert.Equal(RaceResponseCode.InvalidParameters, result.Code);
        Assert.Equal(RaceAction.GetTopTenRankings, result.Action);
    }

    [Fact]
    public void Competition_course_ids_are_accepted()
    {
        var result = Parse(TopTenAsSent.Replace("<ns1:courseid>9</ns1:courseid>", "<ns1:courseid>32767</ns1:courseid>"));

        Assert.Equal(32767, Assert.IsType<RaceRankingsRequest>(result.Request).CourseId);
    }

    [Theory]
    [InlineData("<ns1:courseid>nine</ns1:courseid>")]
    [InlineData("<ns1:courseid>99999999999999</ns1:courseid>")]
    public void Unreadable_number_is_answered_with_101(string courseElement)
    {
        var result = Parse(TopTenAsSent.Replace("<ns1:courseid>9</ns1:courseid>", courseElement));

        Assert.Equal(RaceResponseCode.ParseError, result.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<not-closed>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")]
    public void Malformed_body_is_answered_with_101(string xml)
    {
        var result = Parse(xml);

        Assert.Equal(RaceParseOutcome.Error, result.Outcome);
        Assert.Equal(RaceResponseCode.ParseError, result.Code);
        Assert.Equal(RaceAction.GetTopTenRankings, result.Action);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("\"http://gamespy.net/sake/GetTopTenRankings\"")]
    [InlineData("\"http://gamespy.net/RaceService/GetFriendRankings\"")]
    public void Soap_action_header_that_does_not_name_the_body_action_is_answered_with_101(string header)
    {
        Assert.Equal(RaceResponseCode.ParseError, Parse(TopTenAsSent, header).Code);
    }

    [Theory]
    [InlineData("http://gamespy.net/RaceService/GetTopTenRankings")]
    [InlineData(null)]
    public void Soap_action_without_quotes_or_absent_is_accepted(string? header)
    {
        Assert.True(Parse(TopTenAsSent, header).IsRequest);
    }

    [Fact]
    public void Unknown_action_is_reported_with_its_name_for_the_log()
    {
        var xml = TopTenAsSent.Replace("GetTopTenRankings", "SubmitTimeTrial");

        var result = Parse(xml, "\"http://gamespy.net/RaceService/SubmitTimeTrial\"");

        Assert.Equal(RaceParseOutcome.UnknownAction, result.Outcome);
        Assert.Equal("SubmitTimeTrial", result.ActionName);
        Assert.Equal(RaceResponseCode.ServerError, result.Code);
    }

    public static TheoryData<RaceRequest> SdkRequests => new(
        new RaceRankingsRequest(RaceAction.GetTopTenRankings, 1687, 2, 31, null),
        new RaceRankingsRequest(RaceAction.GetTenAboveRankings, 1687, 1, 4, 1000000007),
        new RaceRankingsRequest(RaceAction.GetFriendRankings, 1687, 0, 4, 1000000007),
        new RaceRegionalDataRequest(1687, 1687),
        new RaceContestDataRequest(1687, 3, 500),
        new RaceSubmitGhostRequest(1687, 3, 12, 1000000007, 68123, 42),
        new RaceSubmitScoresRequest(1687, 2, 1000000007, 0,
            [new RaceScore(68123, 12, Enumerable.Range(0, 0x50).Select(i => (byte)i).ToArray()), new RaceScore(90000, 3, new byte[0x50])]));

    [Theory]
    [MemberData(nameof(SdkRequests))]
    public void Sdk_request_of_every_action_round_trips(RaceRequest request)
    {
        var body = RaceRequestWriter.Write(request);

        var result = RaceRequestParser.Parse(body, RaceRequestWriter.SoapAction(request.Action));

        Assert.True(result.IsRequest, result.Detail);
        Assert.Equal(body, RaceRequestWriter.Write(result.Request));
    }

    [Fact]
    public void Submit_scores_with_short_player_info_is_answered_with_105()
    {
        var request = new RaceSubmitScoresRequest(1687, 2, 5, 0, [new RaceScore(68123, 12, new byte[10])]);

        var result = RaceRequestParser.Parse(RaceRequestWriter.Write(request), null);

        Assert.Equal(RaceResponseCode.InvalidParameters, result.Code);
        Assert.Equal(RaceAction.SubmitScores, result.Action);
    }

    [Fact]
    public void Submit_scores_with_too_many_entries_is_answered_with_101()
    {
        var scores = Enumerable.Range(0, RaceSubmitScoresRequest.MaxScores + 1).Select(_ => new RaceScore(1000, 1, new byte[0x50])).ToList();

        var result = RaceRequestParser.Parse(RaceRequestWriter.Write(new RaceSubmitScoresRequest(1687, 2, 5, 0, scores)), null);

        Assert.Equal(RaceResponseCode.ParseError, result.Code);
    }
}
