using Wiimmfi.ConsoleEmulator.Gpsp;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpsp;

namespace Wiimmfi.Tests.Login;

/// <summary>GPSP over real sockets (gpsp.md).</summary>
public sealed class GpspTests(SharedLoginNode shared) : IClassFixture<SharedLoginNode>
{
    private LoginNode Node => shared.Node;

    [Fact]
    public async Task Otherslist_of_a_live_session_answers_every_requested_id_with_the_placeholder_nick()
    {
        await using var me = await Node.SignInAsync();
        await using var friend = await Node.SignInAsync();
        await using var gpsp = await GpspClient.ConnectAsync(Node.Gpsp);

        var (reply, error) = await gpsp.OthersListAsync(me.ProfileId, me.Gpcm.SessionKey, [friend.ProfileId, 999_999]);

        Assert.Null(error);
        Assert.Equal([friend.ProfileId, 999_999u], reply!.Entries.Select(e => e.ProfileId));
        Assert.All(reply.Entries, e => Assert.Equal(UniqueNick.CreatePlaceholder("RMCJ"), e.UniqueNick));
    }

    [Fact]
    public async Task Otherslist_of_an_empty_friend_list_answers_oldone_alone()
    {
        await using var me = await Node.SignInAsync();
        await using var gpsp = await GpspClient.ConnectAsync(Node.Gpsp);

        var (reply, _) = await gpsp.OthersListAsync(me.ProfileId, me.Gpcm.SessionKey, []);

        Assert.Empty(reply!.Entries);
    }

    [Fact]
    public async Task Otherslist_with_a_session_key_that_is_not_live_gets_error_3328()
    {
        await using var me = await Node.SignInAsync();
        await using var gpsp = await GpspClient.ConnectAsync(Node.Gpsp);

        var (_, error) = await gpsp.OthersListAsync(me.ProfileId, me.Gpcm.SessionKey + 1, [1_000_000_001]);
        var (_, otherGame) = await gpsp.OthersListAsync(me.ProfileId, me.Gpcm.SessionKey, [1_000_000_001], "mariokartds");

        Assert.Equal(GpErrorCode.Search, error!.Code);
        Assert.False(error.IsFatal);
        Assert.Equal(GpErrorCode.Search, otherGame!.Code);
    }

    [Fact]
    public async Task Otherslist_whose_count_does_not_match_its_ids_gets_error_3328()
    {
        await using var gpsp = await GpspClient.ConnectAsync(Node.Gpsp);

        var answer = await gpsp.RequestAsync(new RawMessage("\\otherslist\\\\sesskey\\1\\profileid\\5\\numopids\\3\\opids\\1|2\\gamename\\mariokartwii\\final\\"));

        Assert.True(GpError.TryParse(answer, out var error));
        Assert.Equal(GpErrorCode.Search, error.Code);
    }

    [Fact]
    public async Task Others_lists_the_callers_mutual_friends()
    {
        await using var me = await Node.SignInAsync();
        await using var friend = await Node.SignInAsync();
        await me.Gpcm.AddBuddyAsync(friend.ProfileId);
        await friend.Gpcm.AddBuddyAsync(me.ProfileId);
        await me.Gpcm.WaitForStatusAsync(friend.ProfileId);
        await using var gpsp = await GpspClient.ConnectAsync(Node.Gpsp);

        var answer = await gpsp.RequestAsync(new GpspOthersRequest(me.Gpcm.SessionKey, me.ProfileId, 16));

        Assert.Equal("o", answer.Command);
        Assert.Equal(friend.ProfileId.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.CommandValue);
        Assert.Equal("[hidden]", answer.GetValueOrNull("email"));
        Assert.True(answer.Contains("odone"));
    }

    [Fact]
    public async Task Search_by_unique_nick_finds_the_profile_and_valid_and_nicks_know_its_email()
    {
        await using var me = await Node.SignInAsync();
        var nick = me.Gpcm.Login!.UniqueNick;
        await using var gpsp = await GpspClient.ConnectAsync(Node.Gpsp);

        var search = await gpsp.RequestAsync(new GpspSearchRequest(false, null, null, null, nick, null, null, null, 16, null, 11, null));
        var valid = await gpsp.RequestAsync(new GpspValidRequest(nick + "@nds", 11, null));
        var invalid = await gpsp.RequestAsync(new GpspValidRequest("nobody@nds", 11, null));
        var nicks = await gpsp.RequestAsync(new GpspNicksRequest(nick + "@nds", 16, 11));

        Assert.Equal("bsr", search.Command);
        Assert.Equal(me.ProfileId.ToString(System.Globalization.CultureInfo.InvariantCulture), search.CommandValue);
        Assert.True(search.Contains("bsrdone"));
        Assert.Equal("1", valid.CommandValue);
        Assert.Equal("0", invalid.CommandValue);
        Assert.Equal("nr", nicks.Command);
        Assert.Equal("0", nicks.CommandValue);
        Assert.Equal(nick, nicks.GetValueOrNull("uniquenick"));
    }

    [Fact]
    public async Task A_search_for_nobody_answers_bsrdone_alone()
    {
        await using var gpsp = await GpspClient.ConnectAsync(Node.Gpsp);

        var search = await gpsp.RequestAsync(new GpspSearchRequest(false, null, null, "Mario", null, null, null, null, 16, null, 11, null));

        Assert.Equal("bsrdone", search.Command);
    }

    [Fact]
    public async Task Pmatch_is_left_unanswered_and_the_connection_keeps_serving()
    {
        await using var gpsp = await GpspClient.ConnectAsync(Node.Gpsp);

        await gpsp.Stream.SendRawAsync("\\pmatch\\\\sesskey\\1\\final\\"u8.ToArray());
        var keepAlive = await gpsp.RequestAsync(new RawMessage("\\ka\\\\final\\"));

        Assert.Equal("ka", keepAlive.Command);
    }

    [Fact]
    public async Task An_unknown_command_gets_fatal_error_1_and_the_connection_closes()
    {
        await using var gpsp = await GpspClient.ConnectAsync(Node.Gpsp);

        var answer = await gpsp.RequestAsync(new RawMessage("\\dance\\\\final\\"));

        Assert.True(GpError.TryParse(answer, out var error));
        Assert.Equal(GpErrorCode.Parse, error.Code);
        Assert.True(error.IsFatal);
        Assert.True(await gpsp.Stream.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_request_split_over_several_writes_is_answered_once_whole()
    {
        await using var gpsp = await GpspClient.ConnectAsync(Node.Gpsp);

        await gpsp.Stream.SendRawAsync("\\valid\\\\em"u8.ToArray());
        await gpsp.Stream.SendRawAsync("ail\\x@nds\\fin"u8.ToArray());
        await gpsp.Stream.SendRawAsync("al\\"u8.ToArray());

        Assert.Equal("vr", (await gpsp.Stream.ReceiveAsync()).Command);
    }

    /// <summary>Bytes sent exactly as written (the text uses one character per byte).</summary>
    private sealed class RawMessage(string text) : IGameSpyWritable
    {
        public void WriteTo(System.Buffers.IBufferWriter<byte> output) => System.Buffers.BuffersExtensions.Write(output, System.Text.Encoding.Latin1.GetBytes(text));
    }
}
