using System.Text;
using System.Text.Json;
using Wiimmfi.Actors.Security;
using Wiimmfi.Actors.Storage;
using Wiimmfi.ConsoleEmulator.Gpcm;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.Host.Modules.Gpcm;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Login;

/// <summary>The GPCM login over real sockets (gpcm.md §3–7), NAS first as a Wii does it.</summary>
public sealed class GpcmLoginTests(SharedLoginNode shared) : IClassFixture<SharedLoginNode>
{
    private LoginNode Node => shared.Node;

    [Fact]
    public async Task A_new_console_creates_a_profile_at_NAS_and_logs_in_at_GPCM()
    {
        var (console, nas) = await Node.NasLoginAsync();
        await using var gpcm = await GpcmClient.ConnectAsync(Node.Gpcm);

        var outcome = await gpcm.LoginAsync(nas.Token!, nas.Challenge!);

        Assert.Matches("^[A-Z]{10}$", gpcm.ServerChallenge);
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        var reply = outcome.Reply!;
        var profile = await Node.Store.Profiles.FindAsync((long)console.UserId!.Value, console.Gsbrcd);
        Assert.Equal(profile!.ProfileId, reply.ProfileId);
        Assert.Equal(UniqueNick.Create(console.UserId.Value, console.Gsbrcd), reply.UniqueNick);
        Assert.Equal(console.UserId.Value, reply.UserId);
        Assert.Equal("1", reply.OperationId);
        Assert.InRange(reply.SessionKey, GpcmSessionKey.Minimum, GpcmSessionKey.Maximum - 1);
        // SAKE opens the login ticket with the same purpose key.
        var tickets = new GpcmLoginTicketCodec(Node.Node.Node.Context.Services.Get<NodeSecrets>().DeriveKey(GpcmModule.LoginTicketKeyPurpose));
        Assert.Equal(GpcmLoginTicketCheck.Valid, tickets.TryOpen(reply.LoginTicket, DateTimeOffset.UtcNow, out var ticketProfile, out _));
        Assert.Equal(reply.ProfileId, ticketProfile);
        Assert.NotNull((await Node.Store.Profiles.GetAsync(reply.ProfileId))!.LastLogin);
    }

    [Fact]
    public async Task Login_with_an_unknown_token_is_refused_with_error_266_and_the_socket_closes()
    {
        await using var gpcm = await GpcmClient.ConnectAsync(Node.Gpcm);

        var outcome = await gpcm.LoginAsync("NDS" + new string('x', 80), "ABCDEFGH");

        Assert.Equal(GpErrorCode.LoginBadPreAuth, outcome.Error!.Code);
        Assert.True(outcome.Error.IsFatal);
        Assert.True(await gpcm.Stream.WaitForCloseAsync());
    }

    [Fact]
    public async Task Login_with_a_wrong_response_is_refused_with_error_260()
    {
        var (_, nas) = await Node.NasLoginAsync();
        await using var gpcm = await GpcmClient.ConnectAsync(Node.Gpcm);

        var outcome = await gpcm.LoginAsync(nas.Token!, nas.Challenge!, response: new string('0', 32));

        Assert.Equal(GpErrorCode.LoginBadPassword, outcome.Error!.Code);
        Assert.True(outcome.Error.IsFatal);
        Assert.True(await gpcm.Stream.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_replayed_token_is_refused_with_error_266()
    {
        var (_, nas) = await Node.NasLoginAsync();
        await using (var first = await GpcmClient.ConnectAsync(Node.Gpcm))
        {
            Assert.True((await first.LoginAsync(nas.Token!, nas.Challenge!)).Succeeded);
        }

        await using var replay = await GpcmClient.ConnectAsync(Node.Gpcm);
        var outcome = await replay.LoginAsync(nas.Token!, nas.Challenge!);

        Assert.Equal(GpErrorCode.LoginBadPreAuth, outcome.Error!.Code);
    }

    [Fact]
    public async Task A_keep_alive_before_login_is_answered_and_a_command_before_login_gets_error_2()
    {
        await using var gpcm = await GpcmClient.ConnectAsync(Node.Gpcm);

        await gpcm.KeepAliveAsync();
        var keepAlive = await gpcm.Stream.ReceiveAsync();
        await gpcm.SetStatusAsync(DwcStatus.Online);
        var error = await gpcm.WaitForErrorAsync();

        Assert.Equal("ka", keepAlive.Command);
        Assert.Equal(GpErrorCode.NotLoggedIn, error.Code);
        Assert.True(error.IsFatal);
        Assert.True(await gpcm.Stream.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_second_login_on_one_connection_is_refused_with_error_256()
    {
        await using var console = await Node.SignInAsync();
        var (_, nas) = await Node.NasLoginAsync();

        var outcome = await console.Gpcm.LoginAsync(nas.Token!, nas.Challenge!);

        Assert.Equal(GpErrorCode.Login, outcome.Error!.Code);
    }

    [Fact]
    public async Task A_second_login_of_the_same_profile_kicks_the_first_connection_with_error_6()
    {
        var (console, nas) = await Node.NasLoginAsync();
        await using var first = await GpcmClient.ConnectAsync(Node.Gpcm);
        Assert.True((await first.LoginAsync(nas.Token!, nas.Challenge!)).Succeeded);

        var again = await Node.Nas.LoginAsync(console);
        await using var second = await GpcmClient.ConnectAsync(Node.Gpcm);
        Assert.True((await second.LoginAsync(again.Token!, again.Challenge!)).Succeeded);

        var kicked = await first.WaitForErrorAsync();
        Assert.Equal(GpErrorCode.ForcedDisconnect, kicked.Code);
        Assert.True(kicked.IsFatal);
        Assert.True(await first.Stream.WaitForCloseAsync());
        // The newer connection stays logged in and keeps being served.
        await second.KeepAliveAsync();
        Assert.Equal("ka", (await second.Stream.WaitForAsync(m => m.Command == "ka")).Command);
        Assert.Equal(second.SessionKey, Node.Sessions.Directory.Find(second.ProfileId)!.SessionKey);
    }

    [Fact]
    public async Task A_banned_profile_is_refused_at_GPCM_with_error_256_naming_the_ban()
    {
        var (console, nas) = await Node.NasLoginAsync();
        var profile = await Node.Store.Profiles.FindAsync((long)console.UserId!.Value, console.Gsbrcd);
        await Node.Store.Bans.IssueAsync(new NewBan { ProfileId = profile!.ProfileId, Reason = "griefing", IssuedBy = "test" });
        await using var gpcm = await GpcmClient.ConnectAsync(Node.Gpcm);

        var outcome = await gpcm.LoginAsync(nas.Token!, nas.Challenge!);

        Assert.Equal(GpErrorCode.Login, outcome.Error!.Code);
        Assert.Contains("griefing", outcome.Error.Message);
        // GPCM writes its login-log line after answering (the console does not wait for it): wait for the line.
        var deadline = DateTime.UtcNow + Awaiting.DefaultTimeout;
        IReadOnlyList<LoginLogEntry> log;
        while (!(log = await Node.Store.LoginLog.ListRecentAsync(new LoginLogQuery(ProfileId: profile.ProfileId)))
                   .Any(e => e.Service == LoginService.Gpcm) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Contains(log, e => e.Service == LoginService.Gpcm && e.Outcome == LoginOutcome.Banned);
    }

    [Fact]
    public async Task A_game_missing_from_the_game_list_is_refused_with_error_256()
    {
        var (_, nas) = await Node.NasLoginAsync();
        await using var gpcm = await GpcmClient.ConnectAsync(Node.Gpcm);

        var outcome = await gpcm.LoginAsync(nas.Token!, nas.Challenge!, gameName: "nosuchgamewii");

        Assert.Equal(GpErrorCode.Login, outcome.Error!.Code);
    }

    [Fact]
    public async Task A_console_asking_for_lists_at_login_gets_its_buddy_and_block_lists_after_lc2()
    {
        var (_, nas) = await Node.NasLoginAsync();
        await using var gpcm = await GpcmClient.ConnectAsync(Node.Gpcm);

        var outcome = await gpcm.LoginAsync(nas.Token!, nas.Challenge!, sdkRevision: 11);

        Assert.True(outcome.Succeeded);
        Assert.Equal("0", (await gpcm.Stream.WaitForAsync(m => m.Command == "bdy")).CommandValue);
        Assert.Equal("blk", (await gpcm.Stream.ReceiveAsync()).Command);
    }

    [Fact]
    public async Task The_own_profile_reads_back_with_the_real_nick_and_the_stored_first_name()
    {
        await using var console = await Node.SignInAsync();
        var firstName = "Wii:" + ConsoleFriendCode.Format(console.Console.ConsoleFriendCode) + "@RMCJ";
        await console.Gpcm.UpdateProfileAsync(firstName);
        await console.Gpcm.SetStatusAsync(DwcStatus.Online, "", "AAAA");

        await Awaiting.AssertAsync(() => Assert.Equal(firstName, Node.Store.Profiles.GetAsync(console.ProfileId).Result!.FirstName));
        var (profile, error) = await console.Gpcm.GetProfileAsync(console.ProfileId, "2");

        Assert.Null(error);
        Assert.Equal(console.Gpcm.Login!.UniqueNick, profile!.UniqueNick);
        Assert.Equal(console.Gpcm.Login.UniqueNick + "@nds", profile.Email);
        Assert.Equal(firstName, profile.FirstName);
        Assert.Equal("2", profile.OperationId);
        Assert.Equal("11", profile.PartnerId);
    }

    [Fact]
    public async Task Another_profile_reads_back_with_the_placeholder_nick_and_an_unknown_one_gets_error_2561()
    {
        await using var reader = await Node.SignInAsync();
        await using var other = await Node.SignInAsync();

        var (profile, _) = await reader.Gpcm.GetProfileAsync(other.ProfileId);
        var (_, error) = await reader.Gpcm.GetProfileAsync(123_456);

        Assert.Equal(UniqueNick.CreatePlaceholder(other.Console.Gsbrcd), profile!.UniqueNick);
        Assert.Equal(0UL, profile.UserId);
        Assert.Equal(GpErrorCode.GetProfileBadProfile, error!.Code);
        Assert.False(error.IsFatal);
    }

    [Fact]
    public async Task A_command_with_another_sessions_key_gets_error_3_and_the_connection_closes()
    {
        await using var console = await Node.SignInAsync();

        await console.Gpcm.Stream.SendAsync(new GpcmStatusRequest(DwcStatus.Online, console.Gpcm.SessionKey + 1, "", ""));

        Assert.Equal(GpErrorCode.BadSessionKey, (await console.Gpcm.WaitForErrorAsync()).Code);
        Assert.True(await console.Gpcm.Stream.WaitForCloseAsync());
    }

    [Fact]
    public async Task An_unknown_command_gets_a_non_fatal_error_1_and_the_session_continues()
    {
        await using var console = await Node.SignInAsync();
        var before = await MetricAsync("unknownCommands");

        await console.Gpcm.Stream.SendRawAsync("\\newuser\\\\sesskey\\1\\final\\"u8.ToArray());
        var error = await console.Gpcm.WaitForErrorAsync();
        await console.Gpcm.KeepAliveAsync();

        Assert.Equal(GpErrorCode.Parse, error.Code);
        Assert.False(error.IsFatal);
        Assert.Equal("ka", (await console.Gpcm.Stream.WaitForAsync(m => m.Command == "ka")).Command);
        Assert.Equal(before + 1, await MetricAsync("unknownCommands"));
    }

    [Fact]
    public async Task A_message_without_final_over_the_bound_gets_error_1_and_closes_while_other_consoles_are_served()
    {
        await using var flooder = await GpcmClient.ConnectAsync(Node.Gpcm);
        await using var bystander = await Node.SignInAsync();

        await flooder.Stream.SendRawAsync(Encoding.ASCII.GetBytes("\\login\\\\challenge\\" + new string('a', 20_000)));

        var error = await flooder.WaitForErrorAsync();
        Assert.Equal(GpErrorCode.Parse, error.Code);
        Assert.True(error.IsFatal);
        Assert.True(await flooder.Stream.WaitForCloseAsync());
        await bystander.Gpcm.KeepAliveAsync();
        Assert.Equal("ka", (await bystander.Gpcm.Stream.WaitForAsync(m => m.Command == "ka")).Command);
    }

    [Fact]
    public async Task Stray_bytes_before_a_message_are_dropped_and_a_message_split_over_writes_is_read_whole()
    {
        await using var gpcm = await GpcmClient.ConnectAsync(Node.Gpcm);

        await gpcm.Stream.SendRawAsync("garbage\\final\\\\k"u8.ToArray());
        await gpcm.Stream.SendRawAsync("a\\\\fin"u8.ToArray());
        await gpcm.Stream.SendRawAsync("al\\"u8.ToArray());

        Assert.Equal("ka", (await gpcm.Stream.ReceiveAsync()).Command);
    }

    [Fact]
    public async Task A_message_with_a_NUL_byte_gets_fatal_error_1()
    {
        await using var gpcm = await GpcmClient.ConnectAsync(Node.Gpcm);

        await gpcm.Stream.SendRawAsync("\\ka\\\0\\final\\"u8.ToArray());

        Assert.Equal(GpErrorCode.Parse, (await gpcm.WaitForErrorAsync()).Code);
        Assert.True(await gpcm.Stream.WaitForCloseAsync());
    }

    [Fact]
    public async Task Logging_out_closes_the_connection_and_takes_the_console_offline()
    {
        await using var console = await Node.SignInAsync();
        Assert.NotNull(Node.Sessions.Directory.Find(console.ProfileId));

        await console.Gpcm.LogoutAsync();

        Assert.True(await console.Gpcm.Stream.WaitForCloseAsync());
        await Awaiting.ConditionAsync(() => Node.Sessions.Directory.Find(console.ProfileId) is null);
    }

    private async Task<long> MetricAsync(string name)
    {
        using var json = JsonDocument.Parse(await Node.Node.Management.GetStringAsync("gpcm/metrics"));
        return json.RootElement.GetProperty("frontend").GetProperty(name).GetInt64();
    }
}
