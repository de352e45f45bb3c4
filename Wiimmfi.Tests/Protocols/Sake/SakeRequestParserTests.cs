using System.Text;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Tests.Protocols.Sake;

public class SakeRequestParserTests
{
    // The request layout of sake.md §2, as the GameSpy SDK sends it (pretty-printed here).
    private const string SearchAsSent = """
        <?xml version="1.0" encoding="UTF-8"?>
        <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://gamespy.net/sake">
         <SOAP-ENV:Body>
          <ns1:SearchForRecords>
           <ns1:gameid>1687</ns1:gameid>
           <ns1:secretKey>9r3Rmy</ns1:secretKey>
           <ns1:loginTicket>0123456789abcdefghijklmn</ns1:loginTicket>
           <ns1:tableid>FriendInfo</ns1:tableid>
           <ns1:filter>ownerid&#x20;=&#x20;1</ns1:filter>
           <ns1:offset>0</ns1:offset>
           <ns1:max> 1 </ns1:max>
           <ns1:surrounding>0</ns1:surrounding>
           <ns1:ownerids></ns1:ownerids>
           <ns1:cacheFlag>0</ns1:cacheFlag>
           <ns1:fields><ns1:string>info</ns1:string></ns1:fields>
          </ns1:SearchForRecords>
         </SOAP-ENV:Body>
        </SOAP-ENV:Envelope>
        """;

    private static SakeRequestParseResult Parse(string xml, string? soapAction = null, SakeLimits? limits = null) =>
        SakeRequestParser.Parse(Encoding.UTF8.GetBytes(xml), soapAction, limits);

    private static string Create(string valuesXml) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://gamespy.net/sake"><SOAP-ENV:Body>
        <ns1:CreateRecord><ns1:gameid>1687</ns1:gameid><ns1:secretKey>9r3Rmy</ns1:secretKey><ns1:loginTicket>t</ns1:loginTicket>
        <ns1:tableid>FriendInfo</ns1:tableid><ns1:values>{valuesXml}</ns1:values></ns1:CreateRecord></SOAP-ENV:Body></SOAP-ENV:Envelope>
        """;

    private static string Field(string name, string tag, string text) =>
        $"<ns1:RecordField><ns1:name>{name}</ns1:name><ns1:value><ns1:{tag}><ns1:value>{text}</ns1:value></ns1:{tag}></ns1:value></ns1:RecordField>";

    private static string Search(string extra) =>
        SearchAsSent.Replace("<ns1:filter>ownerid&#x20;=&#x20;1</ns1:filter>", extra);

    [Theory]
    [InlineData("\"http://gamespy.net/sake/SearchForRecords\"")]
    [InlineData("http://gamespy.net/sake/SearchForRecords")]
    [InlineData(" \"http://gamespy.net/sake/SearchForRecords\" ")]
    [InlineData(null)]
    public void Sdk_search_request_is_read_with_or_without_quotes_on_the_soap_action(string? soapAction)
    {
        var result = Parse(SearchAsSent, soapAction);

        var search = Assert.IsType<SakeSearchForRecordsRequest>(result.Request);
        Assert.Equal((1687, "9r3Rmy", "0123456789abcdefghijklmn", "FriendInfo"), (search.GameId, search.SecretKey, search.LoginTicket, search.TableId));
        Assert.Equal("ownerid = 1", search.Filter);
        Assert.Null(search.Sort);
        Assert.Equal(1, search.Max);
        Assert.Empty(search.OwnerIds);
        Assert.Equal(["info"], search.Fields);
    }

    [Fact]
    public void Request_with_unprefixed_elements_in_the_default_namespace_is_read()
    {
        const string xml = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
            <GetRecordLimit xmlns="http://gamespy.net/sake"><gameid>1687</gameid><secretKey>k</secretKey><loginTicket>t</loginTicket><tableid>FriendInfo</tableid></GetRecordLimit>
            </soap:Body></soap:Envelope>
            """;

        Assert.IsType<SakeGetRecordLimitRequest>(Parse(xml).Request);
    }

    [Fact]
    public void Soap_action_naming_another_action_is_a_fault()
    {
        var result = Parse(SearchAsSent, "\"http://gamespy.net/sake/DeleteRecord\"");

        Assert.True(result.IsFault);
        Assert.Contains("SOAPAction", result.Fault.Reason);
    }

    [Theory]
    [InlineData("http://gamespy.net/sake", "DropTables")]
    [InlineData("http://gamespy.net/sake", "createrecord")]
    [InlineData("http://gamespy.net/sake", "RateRecords")]
    [InlineData("http://gamespy.net/RaceService/", "SearchForRecords")]
    [InlineData("", "SearchForRecords")]
    public void Unknown_action_is_a_fault(string ns, string name)
    {
        var xml = $"""<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><{name} xmlns="{ns}"><gameid>1</gameid></{name}></s:Body></s:Envelope>""";

        var result = Parse(xml);

        Assert.True(result.IsFault);
        Assert.Contains("Unknown SAKE action", result.Fault.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>")]
    [InlineData("<Envelope><Body><SearchForRecords/></Body></Envelope>")]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body></s:Body></s:Envelope>")]
    [InlineData("<a></b>")]
    public void Malformed_xml_is_a_fault_not_an_exception(string xml)
    {
        Assert.True(Parse(xml).IsFault);
    }

    [Fact]
    public void External_entity_in_a_doctype_is_refused_without_being_resolved()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE x [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://gamespy.net/sake"><SOAP-ENV:Body>
            <ns1:GetRecordLimit><ns1:gameid>1687</ns1:gameid><ns1:secretKey>&xxe;</ns1:secretKey><ns1:loginTicket>t</ns1:loginTicket><ns1:tableid>x</ns1:tableid></ns1:GetRecordLimit>
            </SOAP-ENV:Body></SOAP-ENV:Envelope>
            """;

        var result = Parse(xml);

        Assert.True(result.IsFault);
        Assert.Equal("Document type declarations are not allowed.", result.Fault.Reason);
    }

    [Fact]
    public void Entity_expansion_bomb_is_refused()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <lolz>&lol3;</lolz>
            """;

        var result = Parse(xml);

        Assert.True(result.IsFault);
        Assert.Equal("Document type declarations are not allowed.", result.Fault.Reason);
    }

    [Fact]
    public void Body_over_the_size_limit_is_refused_before_parsing()
    {
        var limits = new SakeLimits { Soap = new() { MaxBodyBytes = 1000 } };
        var padded = SearchAsSent + new string(' ', 1000);

        var result = Parse(padded, limits: limits);

        Assert.True(result.IsFault);
        Assert.Contains("exceeds the limit", result.Fault.Reason);
    }

    [Fact]
    public void Deeply_nested_elements_are_refused()
    {
        var nested = string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100));

        var result = Parse(Search(nested));

        Assert.True(result.IsFault);
        Assert.Contains("nested deeper", result.Fault.Reason);
    }

    [Fact]
    public void Too_many_elements_are_refused()
    {
        var many = string.Concat(Enumerable.Repeat("<x/>", 5000));

        var result = Parse(Search(many));

        Assert.True(result.IsFault);
        Assert.Contains("elements", result.Fault.Reason);
    }

    [Theory]
    [InlineData("<ns1:gameid>abc</ns1:gameid>")]
    [InlineData("<ns1:gameid>99999999999</ns1:gameid>")]
    [InlineData("")]
    public void Missing_or_non_numeric_game_id_is_a_fault(string gameIdElement)
    {
        var result = Parse(SearchAsSent.Replace("<ns1:gameid>1687</ns1:gameid>", gameIdElement));

        Assert.True(result.IsFault);
    }

    [Fact]
    public void Negative_offset_is_a_fault()
    {
        Assert.True(Parse(SearchAsSent.Replace("<ns1:offset>0</ns1:offset>", "<ns1:offset>-1</ns1:offset>")).IsFault);
    }

    [Fact]
    public void Oversized_max_is_reduced_to_the_response_limit()
    {
        var search = Assert.IsType<SakeSearchForRecordsRequest>(
            Parse(SearchAsSent.Replace("<ns1:max> 1 </ns1:max>", "<ns1:max>2000000000</ns1:max>")).Request);

        Assert.Equal(SakeLimits.Default.MaxRecordsPerResponse, search.Max);
    }

    [Fact]
    public void Target_filter_is_read_in_either_spelling()
    {
        var lower = Assert.IsType<SakeSearchForRecordsRequest>(Parse(Search("<ns1:targetfilter>ownerid = 5</ns1:targetfilter>")).Request);
        var camel = Assert.IsType<SakeSearchForRecordsRequest>(Parse(Search("<ns1:targetFilter>ownerid = 6</ns1:targetFilter>")).Request);

        Assert.Equal("ownerid = 5", lower.TargetFilter);
        Assert.Equal("ownerid = 6", camel.TargetFilter);
    }

    [Theory]
    [InlineData("filter", SakeResult.FilterInvalid)]
    [InlineData("targetfilter", SakeResult.TargetFilterInvalid)]
    [InlineData("sort", SakeResult.SortInvalid)]
    public void Overlong_filter_or_sort_is_answered_with_its_sake_result(string element, SakeResult expected)
    {
        var result = Parse(Search($"<ns1:{element}>{new string('a', 2000)}</ns1:{element}>"));

        Assert.Equal(SakeParseOutcome.ActionError, result.Outcome);
        Assert.Equal(SakeAction.SearchForRecords, result.Action);
        Assert.Equal(expected, result.Result);
    }

    [Fact]
    public void Too_many_requested_fields_is_a_fault()
    {
        var fields = string.Concat(Enumerable.Range(0, 65).Select(i => $"<ns1:string>f{i}</ns1:string>"));

        Assert.True(Parse(SearchAsSent.Replace("<ns1:string>info</ns1:string>", fields)).IsFault);
    }

    [Fact]
    public void Too_many_owner_ids_is_a_fault()
    {
        var ids = string.Concat(Enumerable.Range(0, 257).Select(i => $"<ns1:int>{i}</ns1:int>"));

        Assert.True(Parse(SearchAsSent.Replace("<ns1:ownerids></ns1:ownerids>", $"<ns1:ownerids>{ids}</ns1:ownerids>")).IsFault);
    }

    [Fact]
    public void Every_value_type_is_read_from_a_create_request()
    {
        var xml = Create(
            Field("b", "byteValue", "255") + Field("s", "shortValue", "-5") + Field("i", "intValue", " 7 ") +
            Field("f", "floatValue", "1.500000") + Field("a", "asciiStringValue", "hi there") +
            Field("u", "unicodeStringValue", "&#x4e2d;&#x20;x") + Field("o", "booleanValue", "1") +
            Field("d", "dateAndTimeValue", "2010-05-01T12:34:56Z") + Field("bin", "binaryDataValue", "AAECAw==") +
            Field("l", "int64Value", "8880667695734424"));

        var create = Assert.IsType<SakeCreateRecordRequest>(Parse(xml).Request);

        Assert.Equal(
            ["byteValue(255)", "shortValue(-5)", "intValue(7)", "floatValue(1.500000)", "asciiStringValue(hi there)",
             "unicodeStringValue(中 x)", "booleanValue(true)", "dateAndTimeValue(2010-05-01T12:34:56Z)",
             "binaryDataValue(AAECAw==)", "int64Value(8880667695734424)"],
            create.Values.Select(v => v.Value.ToString()));
        Assert.Equal(new DateTime(2010, 5, 1, 12, 34, 56, DateTimeKind.Utc), create.Values[7].Value.GetDateTime());
    }

    [Fact]
    public void Unknown_field_type_is_answered_with_field_type_invalid()
    {
        var result = Parse(Create(Field("info", "blobValue", "AA==")));

        Assert.Equal(SakeParseOutcome.ActionError, result.Outcome);
        Assert.Equal(SakeAction.CreateRecord, result.Action);
        Assert.Equal(SakeResult.FieldTypeInvalid, result.Result);
        Assert.Contains("blobValue", result.Detail);
    }

    [Theory]
    [InlineData("intValue", "12abc")]
    [InlineData("intValue", "2147483648")]
    [InlineData("byteValue", "256")]
    [InlineData("binaryDataValue", "not base64!")]
    [InlineData("booleanValue", "yes")]
    [InlineData("dateAndTimeValue", "01/02/2010")]
    public void Value_that_does_not_fit_its_type_is_answered_with_field_type_invalid(string tag, string text)
    {
        var result = Parse(Create(Field("x", tag, text)));

        Assert.Equal(SakeResult.FieldTypeInvalid, result.Result);
        Assert.Equal(SakeParseOutcome.ActionError, result.Outcome);
    }

    [Theory]
    [InlineData("ownerid", SakeResult.NoPermission)]
    [InlineData("recordid", SakeResult.NoPermission)]
    [InlineData("gameid", SakeResult.NoPermission)]
    [InlineData("tableid", SakeResult.NoPermission)]
    [InlineData("num_ratings", SakeResult.FieldNotFound)]
    [InlineData("average_rating", SakeResult.FieldNotFound)]
    public void Writing_a_reserved_field_is_refused_with_the_wiilink_result(string name, SakeResult expected)
    {
        var result = Parse(Create(Field(name, "intValue", "1")));

        Assert.Equal(expected, result.Result);
    }

    [Fact]
    public void More_than_64_fields_is_answered_with_field_type_invalid()
    {
        var fields = string.Concat(Enumerable.Range(0, 65).Select(i => Field($"f{i}", "intValue", "1")));

        Assert.Equal(SakeResult.FieldTypeInvalid, Parse(Create(fields)).Result);
    }

    [Fact]
    public void String_value_over_the_length_limit_is_answered_with_field_type_invalid()
    {
        Assert.Equal(SakeResult.FieldTypeInvalid, Parse(Create(Field("x", "asciiStringValue", new string('a', 4097)))).Result);
    }
}
