using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Tests.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Gpcm;

public class GpcmClientMessageTests
{
    private static GpcmParseResult Parse(string wire) => GpcmClientMessage.Parse(GpcmWire.Message(wire));

    private static T ParseOk<T>(string wire)
        where T : GpcmClientMessage
    {
        var result = Parse(wire);
        Assert.Null(result.Error);
        return Assert.IsType<T>(result.Message);
    }

    private static GpError ParseError(string wire)
    {
        var result = Parse(wire);
        Assert.Null(result.Message);
        return Assert.IsType<GpError>(result.Error);
    }

    private static string RealLogin() =>
        VectorFile.Items("gpcm_messages").Single(v => v.GetProperty("name").GetString() == "parse real MKW login").GetProperty("inputs").GetProperty("data").GetString()!;

    [Fact]
    public void The_real_Mario_Kart_Wii_login_is_read_into_its_fields()
    {
        var login = ParseOk<GpcmLoginRequest>(RealLogin());

        Assert.Equal("rc5lU5V5skphHnc1eSuXh8j2EzyI2TZP", login.ClientChallenge);
        Assert.StartsWith("NDSLplme", login.AuthToken);
        Assert.Equal("394beecb14fa59feb8d4c3690975e24c", login.Response);
        Assert.Equal("mariokartwii", login.GameName);
        Assert.Equal(3, login.SdkRevision);
        Assert.False(login.WantsListsOnLogin);
        Assert.Equal("1", login.OperationId);
        Assert.Equal("11059", login.ProductId);
        Assert.Null(login.ProfileId);
        Assert.Empty(login.OtherFields!);
    }

    [Fact]
    public void The_real_login_writes_back_byte_for_byte()
    {
        var login = ParseOk<GpcmLoginRequest>(RealLogin());

        Assert.Equal(RealLogin(), login.ToWireString());
    }

    [Fact]
    public void The_emulator_login_has_the_real_key_order()
    {
        var login = GpcmLoginRequest.ForMarioKartWii("rc5lU5V5skphHnc1eSuXh8j2EzyI2TZP",
            "NDSLplmebUYep9V3q2CuPf5HRWoz0K3wJNzO1XqJog0QKHTIJczIu89ecAfhwKDlngIEztYsOJoH8c4zPrp", "394beecb14fa59feb8d4c3690975e24c");

        Assert.Equal(RealLogin(), login.ToWireString());
    }

    [Fact]
    public void Extension_keys_and_a_known_profile_id_are_kept()
    {
        var login = ParseOk<GpcmLoginRequest>("\\login\\\\challenge\\c\\authtoken\\NDSx\\response\\r\\gamename\\mariokartwii\\sdkrevision\\11\\profileid\\1000000005\\userid\\12\\wl:ver\\5\\id\\1\\final\\");

        Assert.Equal(1000000005U, login.ProfileId);
        Assert.Equal(12UL, login.UserId);
        Assert.True(login.WantsListsOnLogin);
        Assert.Equal([new GameSpyField("wl:ver", "5")], login.OtherFields);
    }

    [Theory]
    [InlineData("\\login\\\\challenge\\c\\response\\r\\id\\1\\final\\")]
    [InlineData("\\login\\\\authtoken\\NDSx\\response\\r\\id\\1\\final\\")]
    [InlineData("\\login\\\\challenge\\c\\authtoken\\NDSx\\id\\1\\final\\")]
    [InlineData("\\login\\\\challenge\\c\\authtoken\\\\response\\r\\id\\1\\final\\")]
    public void Login_without_challenge_token_or_response_is_refused_with_fatal_error_256(string wire)
    {
        var error = ParseError(wire);

        Assert.Equal(GpErrorCode.Login, error.Code);
        Assert.True(error.IsFatal);
        Assert.Equal("1", error.OperationId);
    }

    [Theory]
    [InlineData("\\login\\\\challenge\\c\\authtoken\\NDSx\\response\\r\\profileid\\abc\\id\\1\\final\\")]
    [InlineData("\\login\\\\challenge\\c\\authtoken\\NDSx\\response\\r\\profileid\\0\\id\\1\\final\\")]
    [InlineData("\\login\\\\challenge\\c\\authtoken\\NDSx\\response\\r\\userid\\8796093022208\\id\\1\\final\\")]
    public void Login_with_a_malformed_profile_or_user_id_is_refused_with_fatal_error_256(string wire)
    {
        Assert.Equal(GpErrorCode.Login, ParseError(wire).Code);
    }

    [Fact]
    public void Login_with_an_over_long_token_is_refused()
    {
        var error = ParseError("\\login\\\\challenge\\c\\authtoken\\NDS" + new string('A', 300) + "\\response\\r\\id\\1\\final\\");

        Assert.Equal(GpErrorCode.Login, error.Code);
    }

    [Fact]
    public void Getprofile_reads_the_profile_and_operation_id()
    {
        var request = ParseOk<GpcmGetProfileRequest>("\\getprofile\\\\sesskey\\12345678\\profileid\\1000000001\\id\\2\\final\\");

        Assert.Equal(new GpcmGetProfileRequest(12345678, 1000000001, "2"), request);
    }

    [Fact]
    public void Getprofile_with_a_bad_profile_id_answers_2560_with_the_operation_id()
    {
        var error = ParseError("\\getprofile\\\\sesskey\\1\\profileid\\x1\\id\\4\\final\\");

        Assert.Equal(GpErrorCode.GetProfile, error.Code);
        Assert.False(error.IsFatal);
        Assert.Equal("4", error.OperationId);
    }

    [Fact]
    public void Updatepro_keeps_profile_fields_without_session_key_and_partner()
    {
        var request = ParseOk<GpcmUpdateProRequest>("\\updatepro\\\\sesskey\\5\\firstname\\Wii:2555151656076614@WR9E\\partnerid\\11\\final\\");

        Assert.Equal(5, request.SessionKey);
        Assert.Equal("Wii:2555151656076614@WR9E", request.FirstName);
        Assert.Null(request.LastName);
        Assert.Equal([new GameSpyField("firstname", "Wii:2555151656076614@WR9E")], request.Fields);
        Assert.Equal("\\updatepro\\\\sesskey\\5\\firstname\\Wii:2555151656076614@WR9E\\partnerid\\11\\final\\", request.ToWireString());
    }

    [Fact]
    public void Updateui_is_accepted_and_keeps_its_fields()
    {
        var request = ParseOk<GpcmUpdateUiRequest>("\\updateui\\\\sesskey\\5\\email\\a@b\\final\\");

        Assert.Equal([new GameSpyField("email", "a@b")], request.Fields);
    }

    [Fact]
    public void Status_reads_code_and_strings_and_becomes_a_presence()
    {
        var request = ParseOk<GpcmStatusRequest>("\\status\\1\\sesskey\\123456789\\statstring\\\\locstring\\AAAA\\final\\");

        Assert.Equal(new GpcmStatusRequest(DwcStatus.Online, 123456789, "", "AAAA"), request);
        Assert.Equal("|s|1|ss||ls|AAAA|ip|0|p|0|qm|0", request.ToPresence().ToStatusText());
        Assert.Equal("\\status\\1\\sesskey\\123456789\\statstring\\\\locstring\\AAAA\\final\\", request.ToWireString());
    }

    [Theory]
    [InlineData("\\status\\x\\sesskey\\1\\final\\")]
    [InlineData("\\status\\\\sesskey\\1\\final\\")]
    public void Status_with_a_bad_code_answers_error_2048(string wire)
    {
        Assert.Equal(GpErrorCode.Status, ParseError(wire).Code);
    }

    [Fact]
    public void Status_with_an_over_long_location_string_answers_error_2048()
    {
        Assert.Equal(GpErrorCode.Status, ParseError("\\status\\1\\locstring\\" + new string('A', 257) + "\\final\\").Code);
    }

    [Fact]
    public void Addbuddy_authadd_and_delbuddy_read_their_profile_ids()
    {
        Assert.Equal(new GpcmAddBuddyRequest(1, 1000000002, "hi"), ParseOk<GpcmAddBuddyRequest>("\\addbuddy\\\\sesskey\\1\\newprofileid\\1000000002\\reason\\hi\\final\\"));
        Assert.Equal(new GpcmAuthAddRequest(1, 1000000002, "ab"), ParseOk<GpcmAuthAddRequest>("\\authadd\\\\sesskey\\1\\fromprofileid\\1000000002\\sig\\ab\\final\\"));
        Assert.Equal(new GpcmDelBuddyRequest(1, 1000000002), ParseOk<GpcmDelBuddyRequest>("\\delbuddy\\\\sesskey\\1\\delprofileid\\1000000002\\final\\"));
    }

    [Theory]
    [InlineData("\\addbuddy\\\\sesskey\\1\\newprofileid\\abc\\final\\", GpErrorCode.AddBuddy)]
    [InlineData("\\addbuddy\\\\sesskey\\1\\newprofileid\\0\\final\\", GpErrorCode.AddBuddy)]
    [InlineData("\\addbuddy\\\\sesskey\\1\\newprofileid\\4294967296\\final\\", GpErrorCode.AddBuddy)]
    [InlineData("\\addbuddy\\\\sesskey\\1\\final\\", GpErrorCode.AddBuddy)]
    [InlineData("\\authadd\\\\sesskey\\1\\fromprofileid\\-5\\final\\", GpErrorCode.AuthAdd)]
    [InlineData("\\delbuddy\\\\sesskey\\1\\delprofileid\\\\final\\", GpErrorCode.DelBuddy)]
    [InlineData("\\bm\\1\\sesskey\\1\\t\\x\\msg\\hi\\final\\", GpErrorCode.BuddyMessage)]
    [InlineData("\\bm\\one\\sesskey\\1\\t\\2\\msg\\hi\\final\\", GpErrorCode.BuddyMessage)]
    public void Friend_commands_with_bad_profile_ids_answer_their_own_error_codes(string wire, GpErrorCode expected)
    {
        var error = ParseError(wire);

        Assert.Equal(expected, error.Code);
        Assert.False(error.IsFatal);
    }

    [Fact]
    public void A_buddy_message_carries_type_target_and_text()
    {
        var wire = "\\bm\\1\\sesskey\\1\\t\\2\\msg\\GPCM90vMAT\u0004\\final\\";

        var request = ParseOk<GpcmBuddyMessageRequest>(wire);

        Assert.Equal(new GpcmBuddyMessageRequest(GpBuddyMessageType.Message, 1, 2, "GPCM90vMAT\u0004"), request);
        Assert.Equal(wire, request.ToWireString());
    }

    [Fact]
    public void A_missing_session_key_is_null_not_an_error()
    {
        Assert.Null(ParseOk<GpcmAddBuddyRequest>("\\addbuddy\\\\newprofileid\\7\\final\\").SessionKey);
        Assert.Null(ParseOk<GpcmAddBuddyRequest>("\\addbuddy\\\\sesskey\\zz\\newprofileid\\7\\final\\").SessionKey);
    }

    [Fact]
    public void Keep_alive_logout_and_unknown_commands_are_recognised()
    {
        Assert.Same(GpcmKeepAlive.Instance, ParseOk<GpcmKeepAlive>("\\ka\\\\final\\"));
        Assert.Equal(new GpcmLogoutRequest(9), ParseOk<GpcmLogoutRequest>("\\logout\\\\sesskey\\9\\final\\"));
        var unknown = ParseOk<GpcmUnknownCommand>("\\wl:report\\\\data\\x\\final\\");
        Assert.Equal("wl:report", unknown.Command);
        Assert.Equal("\\wl:report\\\\data\\x\\final\\", unknown.ToWireString());
    }

    [Fact]
    public void A_whole_login_exchange_succeeds_for_a_genuine_console()
    {
        // Server greets; the console answers with the NAS token and its response; the server checks it and proves itself.
        const string nasChallenge = "XYZWVUTS";
        const string token = "NDSexampletoken";
        var greeting = GpcmLoginChallenge.Create();
        var clientChallenge = GpcmLoginProof.CreateClientChallenge();
        var login = GpcmLoginRequest.ForMarioKartWii(clientChallenge, token,
            GpcmLoginProof.ComputeResponse(nasChallenge, token, clientChallenge, greeting.ServerChallenge));

        var received = ParseOk<GpcmLoginRequest>(login.ToWireString());
        Assert.True(GpcmLoginProof.VerifyResponse(received.Response, nasChallenge, received.AuthToken, received.ClientChallenge, greeting.ServerChallenge));
        var reply = new GpcmLoginReply(GpcmSessionKey.Create(),
            GpcmLoginProof.ComputeProof(nasChallenge, received.AuthToken, received.ClientChallenge, greeting.ServerChallenge),
            1, 1000000001, "000000001RMCJ2leohni", GpcmLoginTicketCodec.CreateWithRandomSecret().Issue(1000000001, DateTimeOffset.UtcNow), received.OperationId);

        Assert.True(GpcmLoginReply.TryParse(GpcmWire.Message(reply.ToWireString()), out var seen));
        Assert.Equal(GpcmLoginProof.ComputeProof(nasChallenge, token, clientChallenge, greeting.ServerChallenge), seen.Proof);
        Assert.Equal(24, seen.LoginTicket.Length);
    }
}
