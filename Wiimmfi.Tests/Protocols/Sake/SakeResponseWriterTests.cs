using System.Text;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Tests.Protocols.Sake;

public class SakeResponseWriterTests
{
    private static SakeResponse RoundTrip(SakeResponse response)
    {
        var body = SakeResponseWriter.Write(response);
        Assert.True(SakeResponseParser.TryParse(body, response.Action, null, out var parsed, out var error), error);
        Assert.Equal(body, SakeResponseWriter.Write(parsed));
        return parsed;
    }

    [Fact]
    public void Failed_search_still_carries_its_result_tag()
    {
        // WiiLink drops the result tag on SearchForRecords auth failures; the SDK then reports a malformed response.
        var body = Encoding.UTF8.GetString(SakeResponseWriter.Write(SakeResponse.ResultOnly(SakeAction.SearchForRecords, SakeResult.LoginTicketInvalid)));

        Assert.Contains("<SearchForRecordsResult>LoginTicketInvalid</SearchForRecordsResult></SearchForRecordsResponse>", body);
        Assert.DoesNotContain("<values>", body);
    }

    [Fact]
    public void Failure_writes_only_the_result_even_when_the_record_holds_data()
    {
        var body = Encoding.UTF8.GetString(SakeResponseWriter.Write(new SakeCreateRecordResponse(SakeResult.RecordLimitReached, 99)));

        Assert.Contains("<CreateRecordResult>RecordLimitReached</CreateRecordResult></CreateRecordResponse>", body);
        Assert.DoesNotContain("recordid", body);
    }

    [Fact]
    public void Count_limit_and_rating_responses_round_trip()
    {
        Assert.Equal(new SakeRecordCountResponse(SakeResult.Success, 7), RoundTrip(new SakeRecordCountResponse(SakeResult.Success, 7)));
        Assert.Equal(new SakeRecordLimitResponse(SakeResult.Success, 96, 3), RoundTrip(new SakeRecordLimitResponse(SakeResult.Success, 96, 3)));
        Assert.Equal(new SakeRateRecordResponse(SakeResult.Success, 4, 3.25f), RoundTrip(new SakeRateRecordResponse(SakeResult.Success, 4, 3.25f)));
        Assert.Equal(SakeResponse.ResultOnly(SakeAction.UpdateRecord, SakeResult.Success),
            RoundTrip(SakeResponse.ResultOnly(SakeAction.UpdateRecord, SakeResult.Success)));
    }

    [Fact]
    public void Rating_response_has_the_sdk_element_names()
    {
        var body = Encoding.UTF8.GetString(SakeResponseWriter.Write(new SakeRateRecordResponse(SakeResult.Success, 2, 4.5f)));

        Assert.Contains("<RateRecordResult>Success</RateRecordResult><numRatings>2</numRatings><averageRating>4.5</averageRating>", body);
    }

    [Fact]
    public void Markup_characters_in_string_values_are_escaped_and_read_back_unchanged()
    {
        var hostile = SakeValue.FromUnicodeString("</value><intValue>1</intValue> & 'quotes' \"too\"\tÄ🙂");
        var response = new SakeRecordsResponse(SakeAction.GetSpecificRecords, SakeResult.Success, [[hostile, SakeValue.FromBoolean(true)]]);

        var parsed = Assert.IsType<SakeRecordsResponse>(RoundTrip(response));

        Assert.Equal(hostile, parsed.Records[0][0]);
        Assert.Equal(2, parsed.Records[0].Count);
    }

    [Fact]
    public void Every_value_type_round_trips_through_a_response()
    {
        SakeValue[] record =
        [
            SakeValue.FromByte(255), SakeValue.FromInt16(-32768), SakeValue.FromInt32(int.MinValue), SakeValue.FromSingle(1.5f),
            SakeValue.FromAsciiString("abc"), SakeValue.FromUnicodeString("Mii ☆"), SakeValue.FromBoolean(false),
            SakeValue.FromDateTime(new DateTime(2024, 2, 29, 23, 59, 58, 123, DateTimeKind.Utc)), SakeValue.FromBinary([]),
            SakeValue.FromInt64(long.MaxValue),
        ];

        var parsed = Assert.IsType<SakeRecordsResponse>(RoundTrip(new SakeRecordsResponse(SakeAction.GetMyRecords, SakeResult.Success, [record])));

        Assert.Equal(record, parsed.Records[0]);
    }

    [Fact]
    public void Unknown_result_text_reads_as_unknown_error_as_the_sdk_does()
    {
        Assert.Equal(SakeResult.UnknownError, SakeResultText.Parse("Frobnicated"));
        Assert.Equal(SakeResult.UnknownError, SakeResultText.Parse("3"));
        Assert.Equal(SakeResult.UnknownError, SakeResultText.Parse("Success, NotOwned"));
        Assert.Equal(SakeResult.NotOwned, SakeResultText.Parse(" NotOwned "));
    }

    [Fact]
    public void Soap_fault_is_a_parseable_soap_11_fault()
    {
        var body = SoapFaultWriter.Write(SoapFault.Client("Unknown <action> & more"));

        Assert.True(SoapEnvelopeReader.TryReadBodyContent(body, SoapLimits.Default, out var fault, out _));
        Assert.Equal("{http://schemas.xmlsoap.org/soap/envelope/}Fault", fault.Name.ToString());
        Assert.Equal("s:Client", fault.Element("faultcode")!.Value);
        Assert.Equal("Unknown <action> & more", fault.Element("faultstring")!.Value);
        Assert.Equal(500, SoapFault.HttpStatusCode);
    }
}
