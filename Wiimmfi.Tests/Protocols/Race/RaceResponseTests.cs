using System.Text;
using System.Xml.Linq;
using Wiimmfi.Protocols.Race;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Tests.Protocols.Race;

public class RaceResponseTests
{
    public static TheoryData<string> Names => RaceVectors.Names;

    [Fact]
    public void Top_ten_with_one_entry_is_written_as_wiilink_does()
    {
        var inputs = RaceVectors.Get("GetTopTenRankings response, one entry").GetProperty("inputs");
        var entry = new RaceRankingEntry(
            inputs.GetProperty("ownerid").GetInt32(), inputs.GetProperty("rank").GetInt32(), inputs.GetProperty("time").GetInt32(),
            Convert.FromBase64String(inputs.GetProperty("userdata").GetString()!));

        var body = RaceResponseWriter.WriteRankings(new RaceRankingResponse(RaceResponseCode.Success, [entry]));

        Assert.Equal(RaceVectors.Body("GetTopTenRankings response, one entry"), Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Invalid_parameters_answer_has_code_105_and_no_records()
    {
        var body = RaceResponseWriter.WriteError(RaceAction.GetTopTenRankings, RaceResponseCode.InvalidParameters);

        Assert.Equal(RaceVectors.Body("GetTopTenRankings error response (invalid parameters)"), Encoding.UTF8.GetString(body));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Recorded_answer_reads_back_and_is_rewritten_byte_for_byte(string name)
    {
        var expected = RaceVectors.Body(name);

        Assert.True(RaceResponseParser.TryParseRankings(Encoding.UTF8.GetBytes(expected), out var response, out var error), error);

        Assert.Equal(expected, Encoding.UTF8.GetString(RaceResponseWriter.WriteRankings(response)));
    }

    [Fact]
    public void Full_top_ten_round_trips_with_ranks_in_order()
    {
        var entries = Enumerable.Range(1, 10)
            .Select(rank => new RaceRankingEntry(1000000000 + rank, rank, 60000 + rank * 100, Enumerable.Repeat((byte)rank, 0x50).ToArray()))
            .ToList();
        var response = new RaceRankingResponse(RaceResponseCode.Success, entries);

        Assert.True(RaceResponseParser.TryParseRankings(RaceResponseWriter.WriteRankings(response), out var parsed, out _));

        Assert.Equal(response, parsed);
    }

    [Fact]
    public void Ghost_file_is_written_only_when_known()
    {
        var withGhost = Encoding.UTF8.GetString(RaceResponseWriter.WriteRankings(
            new RaceRankingResponse(RaceResponseCode.Success, [new RaceRankingEntry(1, 1, 2, [], GhostFile: 77)])));
        var without = Encoding.UTF8.GetString(RaceResponseWriter.WriteRankings(
            new RaceRankingResponse(RaceResponseCode.Success, [new RaceRankingEntry(1, 1, 2, [])])));

        Assert.Contains("<time>2</time><ghostfile>77</ghostfile><userdata></userdata>", withGhost);
        Assert.DoesNotContain("ghostfile", without);
    }

    [Fact]
    public void Unknown_action_is_answered_with_server_error_7()
    {
        Assert.True(RaceResponseParser.TryParseRankings(RaceResponseWriter.WriteUnknownAction(), out var response, out _));

        Assert.Equal(RaceResponseCode.ServerError, response.Code);
        Assert.Empty(response.Entries);
    }

    private static XElement Result(byte[] body, string action)
    {
        Assert.True(SoapEnvelopeReader.TryReadBodyContent(body, SoapLimits.Default, out var content, out _));
        XNamespace race = RaceWire.Namespace;
        Assert.Equal(race + (action + "Response"), content.Name);
        return content.Element(race + (action + "Result"))!;
    }

    [Fact]
    public void Sdk_regional_data_answer_has_the_elements_the_sdk_reads()
    {
        var result = Result(RaceResponseWriter.WriteRegionalData(RaceResponseCode.Success,
            [new RaceRegion(1, "Japan"), new RaceRegion(3, new string('E', 40))]), "GetRegionalData");

        XNamespace race = RaceWire.Namespace;
        Assert.Equal("0", result.Element(race + "responseCode")!.Value);
        Assert.Equal("2", result.Element(race + "regioncount")!.Value);
        var regions = result.Element(race + "regionDataArray")!.Elements(race + "RegionData").ToList();
        Assert.Equal(["Japan", new string('E', 32)], regions.Select(r => r.Element(race + "regionname")!.Value));
    }

    [Fact]
    public void Sdk_contest_data_answer_carries_ghosts_as_hex()
    {
        var result = Result(RaceResponseWriter.WriteContestData(RaceResponseCode.Success, "Race <fast> & win", "",
            [new RaceContestGhost(5, 40, 2, [0xAB, 0x01])]), "GetContestData");

        XNamespace race = RaceWire.Namespace;
        Assert.Equal("Race <fast> & win", result.Element(race + "contestmessage")!.Value);
        Assert.Equal("1", result.Element(race + "ghostcount")!.Value);
        Assert.Equal("ab01", result.Descendants(race + "rawdata").Single().Value);
    }

    [Theory]
    [InlineData(RaceAction.GetRegionalData)]
    [InlineData(RaceAction.GetContestData)]
    [InlineData(RaceAction.SubmitScores)]
    public void Sdk_action_errors_carry_only_the_code(RaceAction action)
    {
        var result = Result(RaceResponseWriter.WriteError(action, RaceResponseCode.InvalidParameters), action.ToString());

        Assert.Equal(["responseCode"], result.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("105", result.Value);
    }

    [Fact]
    public void Submit_ghost_answer_is_the_code_as_result_text()
    {
        Assert.True(SoapEnvelopeReader.TryReadBodyContent(RaceResponseWriter.WriteSubmitGhost(RaceResponseCode.Success), SoapLimits.Default, out var content, out _));

        Assert.Equal("SubmitGhostResponse", content.Name.LocalName);
        Assert.Equal("0", content.Elements().Single(e => e.Name.LocalName == "SubmitGhostResult").Value);
    }

    [Fact]
    public void Response_code_and_action_numbers_are_frozen()
    {
        Assert.Equal("Success=0 DatabaseError=6 ServerError=7 HttpError=100 ParseError=101 OutOfMemory=104 InvalidParameters=105 NoAvailabilityCheck=106 Cancelled=107",
            string.Join(' ', Enum.GetValues<RaceResponseCode>().Select(c => $"{c}={(int)c}")));
        Assert.Equal("GetTopTenRankings=1 GetRegionalData=2 GetContestData=3 SubmitScores=4 SubmitGhost=5 GetTenAboveRankings=6 GetFriendRankings=7",
            string.Join(' ', Enum.GetValues<RaceAction>().Select(a => $"{a}={(int)a}")));
    }
}
