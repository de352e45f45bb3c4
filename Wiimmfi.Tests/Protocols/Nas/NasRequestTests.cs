using System.Text;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.Tests.Protocols.Nas;

public class NasRequestTests
{
    private static NasAcParseResult Parse(byte[] body)
    {
        Assert.Equal(NasFormError.None, NasForm.TryParse(body, out var form, out _));
        return NasAcRequest.Parse(form!);
    }

    [Fact]
    public void A_Mario_Kart_Wii_login_is_read_into_typed_fields()
    {
        var result = Parse(NasBodies.Encode(NasBodies.MarioKartWiiLogin().ToArray()));

        var login = Assert.IsType<NasLoginRequest>(result.Request);
        Assert.Equal(NasAction.Login, login.Action);
        Assert.Equal(1786673827498UL, login.UserId);
        Assert.Equal("RMCJ2leohni", login.Gsbrcd);
        Assert.False(login.GsbrcdWasEmpty);
        Assert.Equal("RMCE", login.GameCode);
        Assert.Equal(NasPlatform.Wii, login.Platform);
        Assert.Equal(6168191425252890UL, login.ConsoleFriendCode);
        Assert.Equal(0x01, login.Region);
        Assert.Equal(0x01, login.Language);
        Assert.Equal("Mario", login.InGameName);
        Assert.Equal(NasBodies.Utf16("Mario", bigEndian: true), login.InGameNameRaw);
        Assert.Equal("LU519608598", login.Console.SerialNumber);
        Assert.Equal("0017ab123456", login.Console.MacAddress);
    }

    [Fact]
    public void A_DS_login_uses_the_device_name_when_there_is_no_in_game_name()
    {
        var body = NasBodies.Encode(
            ("action", Encoding.ASCII.GetBytes("login")),
            ("gsbrcd", Encoding.ASCII.GetBytes("AMCJ1abcdef")),
            ("userid", Encoding.ASCII.GetBytes("12345")),
            ("gamecd", Encoding.ASCII.GetBytes("AMCE")),
            ("unitcd", Encoding.ASCII.GetBytes("0")),
            ("devname", NasBodies.Utf16("Toad", bigEndian: false)));

        var login = Assert.IsType<NasLoginRequest>(Parse(body).Request);

        Assert.Equal(NasPlatform.Ds, login.Platform);
        Assert.Equal("Toad", login.DeviceName);
        Assert.Equal("Toad", login.InGameName);
        Assert.Equal(0UL, login.ConsoleFriendCode);
        Assert.Equal(0xFF, login.Region);
        Assert.Equal(0xFF, login.Language);
    }

    [Fact]
    public void An_empty_gsbrcd_becomes_the_game_code_with_J_as_WiiLink_does()
    {
        var login = Assert.IsType<NasLoginRequest>(Parse(NasBodies.MarioKartWiiLogin().With("gsbrcd", "")).Request);

        Assert.Equal("RMCJ", login.Gsbrcd);
        Assert.True(login.GsbrcdWasEmpty);
    }

    [Theory]
    [InlineData("gamecd", null, NasLoginProblem.MissingGameCode)]
    [InlineData("gamecd", "RMC", NasLoginProblem.InvalidGameCode)]
    [InlineData("userid", null, NasLoginProblem.MissingUserId)]
    [InlineData("userid", "8796093022208", NasLoginProblem.InvalidUserId)]
    [InlineData("userid", "-1", NasLoginProblem.InvalidUserId)]
    [InlineData("userid", "12a", NasLoginProblem.InvalidUserId)]
    [InlineData("userid", "", NasLoginProblem.InvalidUserId)]
    [InlineData("gsbrcd", null, NasLoginProblem.MissingGsbrcd)]
    [InlineData("gsbrcd", "RMC", NasLoginProblem.InvalidGsbrcd)]
    [InlineData("gsbrcd", "RMCJ\0abc", NasLoginProblem.InvalidGsbrcd)]
    [InlineData("gsbrcd", "RMCJ\\abc", NasLoginProblem.InvalidGsbrcd)]
    [InlineData("gsbrcd", "RMCJ2leohni123456", NasLoginProblem.InvalidGsbrcd)]
    [InlineData("unitcd", null, NasLoginProblem.MissingUnitCode)]
    [InlineData("unitcd", "2", NasLoginProblem.InvalidUnitCode)]
    [InlineData("cfc", null, NasLoginProblem.MissingConsoleFriendCode)]
    [InlineData("cfc", "99999999999999999", NasLoginProblem.InvalidConsoleFriendCode)]
    [InlineData("cfc", "61681914252528x0", NasLoginProblem.InvalidConsoleFriendCode)]
    [InlineData("lang", "1", NasLoginProblem.InvalidLanguage)]
    [InlineData("lang", "zz", NasLoginProblem.InvalidLanguage)]
    [InlineData("region", "0101", NasLoginProblem.InvalidRegion)]
    [InlineData("csnum", "LU5196085981234567", NasLoginProblem.InvalidSerialNumber)]
    public void Login_with_a_missing_or_malformed_field_is_refused_with_returncd_103(string key, string? value, NasLoginProblem expected)
    {
        var result = Parse(NasBodies.MarioKartWiiLogin().With(key, value));

        Assert.Null(result.Request);
        Assert.Equal(NasAcParseFailure.InvalidLogin, result.Failure);
        Assert.Equal(expected, result.LoginProblem);
        Assert.Equal("103", NasReturnCode.BadLoginRequest.ToWireText());
    }

    [Fact]
    public void The_largest_user_id_and_console_friend_code_are_accepted()
    {
        var fields = NasBodies.MarioKartWiiLogin();
        var login = Assert.IsType<NasLoginRequest>(Parse(fields.With("userid", "8796093022207")).Request);
        Assert.Equal(8796093022207UL, login.UserId);
        login = Assert.IsType<NasLoginRequest>(Parse(fields.With("cfc", "9999999999999999")).Request);
        Assert.Equal(9999999999999999UL, login.ConsoleFriendCode);
    }

    [Fact]
    public void Missing_language_and_region_default_to_ff()
    {
        var fields = NasBodies.MarioKartWiiLogin().Where(f => f.Key is not "lang" and not "region").ToArray();

        var login = Assert.IsType<NasLoginRequest>(Parse(NasBodies.Encode(fields)).Request);

        Assert.Equal(0xFF, login.Language);
        Assert.Equal(0xFF, login.Region);
    }

    [Theory]
    [InlineData("svcloc")]
    [InlineData("SVCLOC")]
    [InlineData("SvcLoc")]
    public void Svcloc_is_recognised_in_any_case(string action)
    {
        var result = Parse(NasBodies.Encode(("action", action), ("svc", "9000")));

        var svcloc = Assert.IsType<NasSvcLocRequest>(result.Request);
        Assert.Equal("9000", svcloc.Service);
    }

    [Fact]
    public void Acctcreate_needs_no_login_fields()
    {
        var result = Parse(NasBodies.Encode(("action", "acctcreate"), ("gamecd", "RMCP"), ("unitcd", "1")));

        var acctcreate = Assert.IsType<NasAcctCreateRequest>(result.Request);
        Assert.Equal("RMCP", acctcreate.Console.GameCode);
    }

    [Fact]
    public void A_request_without_action_is_a_bad_request()
    {
        Assert.Equal(NasAcParseFailure.MissingAction, Parse(NasBodies.Encode(("gamecd", "RMCE"))).Failure);
        Assert.Equal(NasAcParseFailure.MissingAction, Parse(NasBodies.Encode(("action", ""))).Failure);
    }

    [Fact]
    public void An_unknown_action_is_reported_as_such()
    {
        Assert.Equal(NasAcParseFailure.UnknownAction, Parse(NasBodies.Encode(("action", "delete"))).Failure);
    }

    [Fact]
    public void Profanity_words_are_split_on_tabs_in_the_platform_encoding()
    {
        var wii = NasForm.Create(new Dictionary<string, byte[]> { ["words"] = NasBodies.Utf16("hello\tw0rld", bigEndian: true), ["unitcd"] = "1"u8.ToArray() });
        var utf8 = NasForm.Create(new Dictionary<string, byte[]> { ["words"] = "a\tb\tc"u8.ToArray(), ["wenc"] = "UTF-8"u8.ToArray(), ["wregion"] = "A"u8.ToArray() });

        Assert.Equal(["hello", "w0rld"], NasProfanityRequest.Parse(wii).Words);
        var request = NasProfanityRequest.Parse(utf8);
        Assert.Equal(["a", "b", "c"], request.Words);
        Assert.True(request.PerRegionResults);
    }

    [Fact]
    public void Profanity_check_without_words_counts_one_clean_empty_word()
    {
        var request = NasProfanityRequest.Parse(NasForm.Create());

        Assert.False(request.WordsFieldPresent);
        Assert.Equal([string.Empty], request.Words);
    }

    [Fact]
    public void Profanity_matching_sees_through_look_alike_characters_but_only_whole_words()
    {
        var filter = new NasProfanityFilter(["badword"]);

        Assert.Equal([true, true, false, false], filter.Check(["BadWord", "b4dw0rd", "badwords", "good"]));
    }
}
