using System.Text;
using Wiimmfi.Protocols.Nas;
using Wiimmfi.Tests.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Nas;

public class NasResponseTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 34, 56, TimeSpan.Zero);

    public static TheoryData<int, string> Vectors => VectorFile.Rows("nas_response_body", v => v.GetProperty("inputs").GetProperty("action").GetString()!);

    private static NasResponse Build(string action, System.Text.Json.JsonElement reply) => action switch
    {
        "login" => NasResponses.Login(reply.GetProperty("challenge").GetString()!, reply.GetProperty("token").GetString()!, Now),
        "acctcreate" => NasResponses.AcctCreate(ulong.Parse(reply.GetProperty("userid").GetString()!), Now),
        "svcloc" => NasResponses.SvcLoc("0000", reply.GetProperty("servicetoken").GetString()!, Now),
        _ => throw new InvalidOperationException(action),
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Reply_bodies_match_the_known_bytes_exactly(int index, string action)
    {
        var vector = VectorFile.Items("nas_response_body")[index];
        var reply = vector.GetProperty("inputs").GetProperty("reply");

        var body = Build(action, reply).ToBody();

        Assert.Equal(vector.GetProperty("expected").GetProperty("body_hex").GetString(), Convert.ToHexStringLower(body));
        Assert.Equal(vector.GetProperty("expected").GetProperty("body_text_without_nul").GetString(), Encoding.ASCII.GetString(body, 0, body.Length - 1));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Every_reply_value_reads_back_as_the_console_would_see_it(int index, string action)
    {
        var vector = VectorFile.Items("nas_response_body")[index];
        var reply = vector.GetProperty("inputs").GetProperty("reply");

        Assert.True(NasResponse.TryParseBody(Build(action, reply).ToBody(), out var values));

        foreach (var property in reply.EnumerateObject())
        {
            Assert.Equal(property.Value.GetString(), Encoding.ASCII.GetString(values[property.Name]));
        }
    }

    [Fact]
    public void The_AltWFC_body_with_CRLF_reads_the_same_as_ours()
    {
        var variant = VectorFile.Load("nas_response_body").GetProperty("altwfc_variant").GetProperty("body").GetString()!;

        Assert.True(NasResponse.TryParseBody(Encoding.ASCII.GetBytes(variant), out var theirs));
        Assert.True(NasResponse.TryParseBody(NasResponses.Login("ABCDEFGH", "NDSexampletoken", Now).ToBody(), out var ours));

        Assert.Equal(ours.OrderBy(p => p.Key).Select(p => (p.Key, Encoding.ASCII.GetString(p.Value))), theirs.OrderBy(p => p.Key).Select(p => (p.Key, Encoding.ASCII.GetString(p.Value))));
    }

    [Fact]
    public void Replies_end_with_one_nul_and_contain_no_percent_encoding()
    {
        var body = NasResponses.Login("ABCDEFGH", "NDSexampletoken", Now).ToBody();

        Assert.Equal(0, body[^1]);
        Assert.DoesNotContain((byte)'%', body);
        Assert.DoesNotContain((byte)0, body[..^1]);
    }

    [Theory]
    [InlineData("9000", "token", "dls1.nintendowifi.net")]
    [InlineData("9001", "servicetoken", "dls1.nintendowifi.net")]
    [InlineData(null, "servicetoken", "n/a")]
    public void Svcloc_names_the_token_and_host_by_service(string? svc, string tokenKey, string host)
    {
        var values = NasResponses.SvcLoc(svc, "NDS/SVCLOC/TOKEN", Now).Values;

        Assert.Equal("NDS/SVCLOC/TOKEN", Encoding.ASCII.GetString(values[tokenKey]));
        Assert.Equal(host, Encoding.ASCII.GetString(values["svchost"]));
        Assert.Equal("007", Encoding.ASCII.GetString(values["returncd"]));
        Assert.Equal("Y", Encoding.ASCII.GetString(values["statusdata"]));
    }

    [Fact]
    public void A_banned_login_says_retry_1_with_3914_and_the_reason()
    {
        var values = NasResponses.Refused(NasReturnCode.LoginBanned, "User banned.", Now).Values;

        Assert.Equal("1", Encoding.ASCII.GetString(values["retry"]));
        Assert.Equal("3914", Encoding.ASCII.GetString(values["returncd"]));
        Assert.Equal("User banned.", Encoding.ASCII.GetString(values["reason"]));
        Assert.Equal("gamespy.com", Encoding.ASCII.GetString(values["locator"]));
    }

    [Fact]
    public void A_bad_login_request_answers_103_with_retry_0()
    {
        var values = NasResponses.BadLoginRequest(Now).Values;

        Assert.Equal("103", Encoding.ASCII.GetString(values["returncd"]));
        Assert.Equal("0", Encoding.ASCII.GetString(values["retry"]));
        Assert.False(values.ContainsKey("token"));
    }

    [Fact]
    public void A_profane_name_still_logs_in_with_040()
    {
        var values = NasResponses.Login("ABCDEFGH", "NDSx", Now, NasReturnCode.ProfaneName).Values;

        Assert.Equal("040", Encoding.ASCII.GetString(values["returncd"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => NasResponses.Login("ABCDEFGH", "NDSx", Now, NasReturnCode.LoginBanned));
    }

    [Fact]
    public void Profanity_reply_has_one_flag_per_word_and_region_copies_on_request()
    {
        var clean = NasResponses.Profanity([false, false], perRegion: false, Now).Values;
        var dirty = NasResponses.Profanity([false, true, false], perRegion: true, Now).Values;

        Assert.Equal("000", Encoding.ASCII.GetString(clean["returncd"]));
        Assert.Equal("00", Encoding.ASCII.GetString(clean["prwords"]));
        Assert.False(clean.ContainsKey("prwordsA"));
        Assert.Equal("040", Encoding.ASCII.GetString(dirty["returncd"]));
        foreach (var key in new[] { "prwords", "prwordsA", "prwordsC", "prwordsE", "prwordsJ", "prwordsK", "prwordsP" })
        {
            Assert.Equal("010", Encoding.ASCII.GetString(dirty[key]));
        }
    }

    [Fact]
    public void Datetime_is_written_in_utc()
    {
        Assert.Equal("20240101123456", NasResponses.FormatDateTime(new DateTimeOffset(2024, 1, 1, 13, 34, 56, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void Reply_keys_are_restricted_to_letters_digits_and_underscore()
    {
        Assert.Throws<ArgumentException>(() => new NasResponse().Set("a=b", "x"));
        Assert.Throws<ArgumentException>(() => new NasResponse().Set("a&b", "x"));
    }

    [Fact]
    public void Return_codes_are_frozen_wire_numbers()
    {
        var actual = string.Join(' ', Enum.GetValues<NasReturnCode>().Select(c => $"{c}={c.ToWireText()}"));

        Assert.Equal(
            "ProfanityClean=000 LoginOk=001 AcctCreateOk=002 SvcLocOk=007 ProfaneName=040 ServerMaintenance=101 BadLoginRequest=103 " +
            "GameNotSupported=107 UnknownAction=109 " +
            "RegistrationPending=3888 AcctCreateBanned=3913 LoginBanned=3914 ConsoleNotRegistered=3921",
            actual);
    }

    [Fact]
    public void A_body_with_a_broken_value_does_not_parse()
    {
        Assert.False(NasResponse.TryParseBody("returncd=MDA!\0"u8, out _));
        Assert.False(NasResponse.TryParseBody("=MDAx\0"u8, out _));
    }
}
