using System.Text;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpsp;
using Wiimmfi.Tests.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Gpsp;

public class GpspTests
{
    private const string OthersList =
        "\\otherslist\\\\sesskey\\12345678\\profileid\\1000000001\\numopids\\2\\opids\\1000000002|1000000003\\namespaceid\\16\\gamename\\mariokartwii\\final\\";

    private static GameSpyMessage Message(string wire)
    {
        var bytes = Encoding.Latin1.GetBytes(wire);
        Assert.Equal(GameSpyFrameStatus.Complete, GameSpyFraming.FindMessage(bytes, 4096, out var bodyLength, out _));
        Assert.True(GameSpyMessage.TryParse(bytes.AsSpan(0, bodyLength), out var message, out _));
        return message;
    }

    private static T ParseOk<T>(string wire)
        where T : GpspRequest
    {
        var result = GpspRequest.Parse(Message(wire));
        Assert.Null(result.Error);
        return Assert.IsType<T>(result.Request);
    }

    private static GpError ParseError(string wire)
    {
        var result = GpspRequest.Parse(Message(wire));
        Assert.Null(result.Request);
        return Assert.IsType<GpError>(result.Error);
    }

    [Fact]
    public void Otherslist_reads_the_caller_and_every_requested_id()
    {
        var request = ParseOk<GpspOthersListRequest>(OthersList);

        Assert.Equal(12345678, request.SessionKey);
        Assert.Equal(1000000001U, request.ProfileId);
        Assert.Equal([1000000002U, 1000000003U], request.ProfileIds);
        Assert.Equal(16, request.NamespaceId);
        Assert.Equal("mariokartwii", request.GameName);
        Assert.Equal(OthersList, request.ToWireString());
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("0", "")]
    public void Otherslist_with_an_empty_friend_list_asks_for_nothing(string count, string opids)
    {
        var request = ParseOk<GpspOthersListRequest>($"\\otherslist\\\\sesskey\\1\\profileid\\5\\numopids\\{count}\\opids\\{opids}\\gamename\\mariokartwii\\final\\");

        Assert.Empty(request.ProfileIds);
        Assert.Contains("\\numopids\\0\\opids\\0\\", request.ToWireString());
    }

    [Fact]
    public void Otherslist_with_a_single_id_needs_no_separator()
    {
        var request = ParseOk<GpspOthersListRequest>("\\otherslist\\\\sesskey\\1\\profileid\\5\\numopids\\1\\opids\\7\\gamename\\mariokartwii\\final\\");

        Assert.Equal([7U], request.ProfileIds);
    }

    [Theory]
    [InlineData("\\otherslist\\\\sesskey\\1\\profileid\\5\\numopids\\3\\opids\\7|8\\gamename\\mariokartwii\\final\\")]
    [InlineData("\\otherslist\\\\sesskey\\1\\profileid\\5\\numopids\\2\\opids\\7|x\\gamename\\mariokartwii\\final\\")]
    [InlineData("\\otherslist\\\\sesskey\\1\\profileid\\5\\numopids\\2\\opids\\7||8\\gamename\\mariokartwii\\final\\")]
    [InlineData("\\otherslist\\\\profileid\\5\\numopids\\1\\opids\\7\\gamename\\mariokartwii\\final\\")]
    [InlineData("\\otherslist\\\\sesskey\\1\\numopids\\1\\opids\\7\\gamename\\mariokartwii\\final\\")]
    [InlineData("\\otherslist\\\\sesskey\\1\\profileid\\5\\opids\\7\\gamename\\mariokartwii\\final\\")]
    [InlineData("\\otherslist\\\\sesskey\\1\\profileid\\5\\numopids\\1\\gamename\\mariokartwii\\final\\")]
    [InlineData("\\otherslist\\\\sesskey\\1\\profileid\\5\\numopids\\1\\opids\\7\\final\\")]
    [InlineData("\\otherslist\\\\sesskey\\x\\profileid\\5\\numopids\\1\\opids\\7\\gamename\\mariokartwii\\final\\")]
    [InlineData("\\otherslist\\\\sesskey\\1\\profileid\\5\\numopids\\-1\\opids\\7\\gamename\\mariokartwii\\final\\")]
    public void A_malformed_otherslist_is_answered_with_search_error_3328(string wire)
    {
        var error = ParseError(wire);

        Assert.Equal(GpErrorCode.Search, error.Code);
        Assert.False(error.IsFatal);
        Assert.Equal("\\error\\\\err\\3328\\errmsg\\There was an error searching for a profile.\\final\\", error.ToWireString());
    }

    [Fact]
    public void Otherslist_with_more_ids_than_the_bound_is_refused()
    {
        var ids = string.Join('|', Enumerable.Range(1, GpspOthersListRequest.MaxProfileIds + 1));

        Assert.Equal(GpErrorCode.Search, ParseError($"\\otherslist\\\\sesskey\\1\\profileid\\5\\numopids\\{GpspOthersListRequest.MaxProfileIds + 1}\\opids\\{ids}\\gamename\\mariokartwii\\final\\").Code);
    }

    [Fact]
    public void The_otherslist_reply_is_written_exactly_like_the_vector()
    {
        var vector = VectorFile.Items("gpcm_messages").Single(v => v.GetProperty("name").GetString() == "gpsp otherslist reply");
        var inputs = vector.GetProperty("inputs");

        var reply = new GpspOthersListReply([new GpspOthersListEntry(uint.Parse(inputs.GetProperty("o").GetString()!), inputs.GetProperty("uniquenick").GetString()!)]);

        Assert.Equal(vector.GetProperty("expected").GetProperty("data").GetString(), reply.ToWireString());
    }

    [Fact]
    public void An_empty_otherslist_reply_still_ends_with_oldone()
    {
        Assert.Equal("\\otherslist\\\\oldone\\\\final\\", new GpspOthersListReply([]).ToWireString());
    }

    [Fact]
    public void The_otherslist_reply_reads_back_for_the_console_emulator()
    {
        var reply = new GpspOthersListReply([new(5, UniqueNick.CreatePlaceholder("RMCJ2leohni")), new(6, "000000001RMCJ2leohni")]);

        Assert.True(GpspOthersListReply.TryParse(Message(reply.ToWireString()), out var parsed));

        Assert.Equal(reply.Entries, parsed.Entries);
    }

    [Fact]
    public void Search_is_parsed_and_an_empty_answer_is_just_bsrdone()
    {
        var request = ParseOk<GpspSearchRequest>("\\search\\\\sesskey\\1\\profileid\\5\\namespaceid\\16\\uniquenick\\abc\\partnerid\\11\\final\\");
        var unique = ParseOk<GpspSearchRequest>("\\searchunique\\\\sesskey\\1\\uniquenick\\abc\\namespaces\\1,16\\final\\");

        Assert.False(request.Unique);
        Assert.Equal("abc", request.UniqueNick);
        Assert.Equal(16, request.NamespaceId);
        Assert.True(unique.Unique);
        Assert.Equal("1,16", unique.Namespaces);
        Assert.Equal("\\bsrdone\\\\final\\", GpspSearchReply.Empty.ToWireString());
    }

    [Fact]
    public void Search_hits_are_listed_before_bsrdone()
    {
        var reply = new GpspSearchReply([new GpspProfileEntry(5, "n", "f", "l", "[hidden]", "u", 16)]);

        Assert.Equal("\\bsr\\5\\nick\\n\\firstname\\f\\lastname\\l\\email\\[hidden]\\uniquenick\\u\\namespaceid\\16\\bsrdone\\\\final\\", reply.ToWireString());
    }

    [Fact]
    public void Others_lists_buddies_before_odone()
    {
        var request = ParseOk<GpspOthersRequest>("\\others\\\\sesskey\\1\\profileid\\5\\namespaceid\\16\\final\\");
        var reply = new GpspOthersReply([new GpspProfileEntry(6, "n", "f", "l", "e", "u", 16)]);

        Assert.Equal(new GpspOthersRequest(1, 5, 16), request);
        Assert.Equal("\\o\\6\\nick\\n\\first\\f\\last\\l\\email\\e\\uniquenick\\u\\namespaceid\\16\\odone\\\\final\\", reply.ToWireString());
        Assert.Equal(GpErrorCode.Search, ParseError("\\others\\\\sesskey\\1\\final\\").Code);
    }

    [Fact]
    public void Valid_answers_vr_1_or_vr_0()
    {
        Assert.Equal(new GpspValidRequest("a@b", 11, null), ParseOk<GpspValidRequest>("\\valid\\\\email\\a@b\\partnerid\\11\\final\\"));
        Assert.Equal("\\vr\\1\\final\\", new GpspValidReply(true).ToWireString());
        Assert.Equal("\\vr\\0\\final\\", new GpspValidReply(false).ToWireString());
        Assert.Equal(GpErrorCode.Search, ParseError("\\valid\\\\partnerid\\11\\final\\").Code);
    }

    [Fact]
    public void Nicks_never_keeps_the_password_and_answers_nr_then_ndone()
    {
        var request = ParseOk<GpspNicksRequest>("\\nicks\\\\email\\a@b\\passenc\\secret\\namespaceid\\16\\partnerid\\0\\final\\");

        Assert.DoesNotContain("secret", request.ToWireString());
        Assert.Equal("\\nr\\0\\nick\\n\\uniquenick\\u\\ndone\\\\final\\", new GpspNicksReply(0, [new GpspNickEntry("n", "u")]).ToWireString());
        Assert.Equal("\\nr\\260\\ndone\\\\final\\", new GpspNicksReply((int)GpErrorCode.LoginBadPassword, []).ToWireString());
    }

    [Fact]
    public void Check_and_newuser_answer_with_result_and_profile()
    {
        Assert.Equal(new GpspCheckRequest("a@b", "n", 16, null), ParseOk<GpspCheckRequest>("\\check\\\\email\\a@b\\nick\\n\\namespaceid\\16\\final\\"));
        Assert.Equal(GpErrorCode.Check, ParseError("\\check\\\\email\\a@b\\final\\").Code);
        Assert.Equal("\\cur\\0\\pid\\5\\final\\", new GpspCheckReply(0, 5).ToWireString());
        Assert.Equal("\\cur\\3586\\final\\", new GpspCheckReply((int)GpErrorCode.CheckBadNick, 5).ToWireString());

        Assert.Equal(new GpspNewUserRequest("a@b", "n", "u", 16, 11059), ParseOk<GpspNewUserRequest>("\\newuser\\\\email\\a@b\\nick\\n\\uniquenick\\u\\namespaceid\\16\\gameid\\11059\\final\\"));
        Assert.Equal(GpErrorCode.NewUser, ParseError("\\newuser\\\\nick\\n\\final\\").Code);
        Assert.Equal("\\nur\\0\\pid\\7\\final\\", new GpspNewUserReply(0, 7).ToWireString());
    }

    [Fact]
    public void Uniquesearch_lists_suggestions()
    {
        Assert.Equal(new GpspUniqueSearchRequest("mario", 16), ParseOk<GpspUniqueSearchRequest>("\\uniquesearch\\\\preferrednick\\mario\\namespaceid\\16\\final\\"));
        Assert.Equal("\\us\\2\\nick\\mario1\\nick\\mario2\\usdone\\\\final\\", new GpspUniqueSearchReply(["mario1", "mario2"]).ToWireString());
    }

    [Theory]
    [InlineData("\\pmatch\\\\sesskey\\1\\productid\\11059\\final\\", "pmatch")]
    [InlineData("\\profilelist\\\\sesskey\\1\\final\\", "profilelist")]
    public void Commands_no_reference_implements_are_recognised_but_unanswered(string wire, string command)
    {
        var request = ParseOk<GpspUnansweredRequest>(wire);

        Assert.Equal(command, request.Command);
        Assert.Equal(wire, request.ToWireString());
    }

    [Fact]
    public void Keep_alive_and_unknown_commands_are_recognised()
    {
        Assert.Same(GpspKeepAlive.Instance, ParseOk<GpspKeepAlive>("\\ka\\\\final\\"));
        Assert.Equal("\\ka\\\\final\\", GpspKeepAlive.Instance.ToWireString());
        Assert.Equal("hello", ParseOk<GpspUnknownCommand>("\\hello\\\\final\\").Command);
    }
}
