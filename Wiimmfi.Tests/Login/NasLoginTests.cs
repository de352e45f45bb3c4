using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.Tests.Login;

/// <summary>NAS over real HTTP on loopback, as a Wii sends it (nas.md).</summary>
public sealed class NasLoginTests(SharedLoginNode shared) : IClassFixture<SharedLoginNode>
{
    private LoginNode Node => shared.Node;

    [Fact]
    public async Task A_new_console_gets_a_user_id_from_acctcreate()
    {
        var answer = await Node.Nas.AcctCreateAsync(EmulatedConsole.CreateWii());

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("002", answer.ReturnCode);
        Assert.Equal("0", answer.Text("retry"));
        var userId = ulong.Parse(answer.Text("userid")!, CultureInfo.InvariantCulture);
        Assert.InRange(userId, 1UL, UniqueNick.MaxUserId);
        AssertDateTimeIsNow(answer);
    }

    [Fact]
    public async Task A_login_answers_001_with_challenge_token_locator_and_datetime_in_NWC_base64()
    {
        var (console, login) = await Node.Nas.SignInAsync(EmulatedConsole.CreateWii());

        Assert.Equal("001", login.ReturnCode);
        Assert.Equal("0", login.Text("retry"));
        Assert.Equal("gamespy.com", login.Text("locator"));
        Assert.Matches("^[A-Z]{8}$", login.Challenge);
        Assert.StartsWith("NDS", login.Token);
        Assert.InRange(login.Token!.Length, 4, NasTokens.MaxLength);
        AssertDateTimeIsNow(login);
        // The console reads the body as a C string with its own base64 rules: values raw (never %2A), a NUL at the end.
        Assert.Equal(0, login.Body[^1]);
        Assert.DoesNotContain("%", Encoding.ASCII.GetString(login.Body));
        Assert.True(NwcBase64.DecodeLikeConsole(Field(login.Body, "challenge"), out var challenge));
        Assert.Equal(login.Challenge, Encoding.ASCII.GetString(challenge));
        Assert.NotNull(console.UserId);
    }

    [Fact]
    public async Task The_first_login_of_a_console_creates_its_profile_and_binds_it_to_the_token()
    {
        var (console, login) = await Node.Nas.SignInAsync(EmulatedConsole.CreateWii(inGameName: "Luigi"));

        var profile = await Node.Store.Profiles.FindAsync((long)console.UserId!.Value, console.Gsbrcd);
        Assert.NotNull(profile);
        Assert.Equal(UniqueNick.Create(console.UserId.Value, console.Gsbrcd), profile.UniqueNick);
        Assert.Equal(profile.UniqueNick + "@nds", profile.Email);
        Assert.Equal("Luigi", profile.InGameNick);
        var token = await Node.Store.AuthTokens.ConsumeAsync(login.Token!);
        Assert.True(token.IsConsumed);
        Assert.Equal(profile.ProfileId, token.Token.ProfileId);
        Assert.Equal(login.Challenge, token.Token.Challenge);
        Assert.Equal(console.Mac, token.Token.Mac);
        var stored = await Node.Store.Consoles.GetAsync(console.Mac);
        Assert.Equal(console.NgId, stored!.NgId);
    }

    [Fact]
    public async Task A_second_login_of_the_same_console_keeps_its_profile()
    {
        var (console, _) = await Node.Nas.SignInAsync(EmulatedConsole.CreateWii());
        var first = await Node.Store.Profiles.FindAsync((long)console.UserId!.Value, console.Gsbrcd);

        var again = await Node.Nas.LoginAsync(console);

        Assert.Equal("001", again.ReturnCode);
        Assert.Equal(first!.ProfileId, (await Node.Store.Profiles.FindAsync((long)console.UserId.Value, console.Gsbrcd))!.ProfileId);
    }

    [Theory]
    [InlineData("svcloc")]
    [InlineData("SVCLOC")]
    public async Task Svcloc_answers_007_with_the_download_host_for_service_9000(string action)
    {
        var answer = await Node.Nas.SvcLocAsync(EmulatedConsole.CreateWii(), "9000", action);

        Assert.Equal("007", answer.ReturnCode);
        Assert.Equal("Y", answer.Text("statusdata"));
        Assert.Equal("dls1.nintendowifi.net", answer.Text("svchost"));
        Assert.Equal(NasTokens.SvcLocConstant, answer.Text("token"));
    }

    [Fact]
    public async Task Svcloc_for_another_service_names_no_host_but_still_a_service_token()
    {
        var answer = await Node.Nas.SvcLocAsync(EmulatedConsole.CreateWii(), "0000");

        Assert.Equal("007", answer.ReturnCode);
        Assert.Equal("n/a", answer.Text("svchost"));
        Assert.NotNull(answer.Text("servicetoken"));
    }

    [Fact]
    public async Task The_connection_test_host_answers_200_with_X_Organization_Nintendo_on_any_path()
    {
        var root = await Node.Nas.GetAsync("", NasClient.ConnTestHost);
        var page = await Node.Nas.GetAsync("test.html", NasClient.ConnTestHost);

        Assert.Equal(HttpStatusCode.OK, root.Status);
        Assert.Equal("Nintendo", root.Headers["X-Organization"]);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Nintendo", page.Headers["X-Organization"]);
    }

    [Fact]
    public async Task The_health_page_answers_on_a_NAS_host_and_a_path_of_another_host_is_not_found()
    {
        var health = await Node.Nas.GetAsync("nastest.jsp", NasClient.WiiHost);
        var elsewhere = await Node.Nas.GetAsync("anything", "example.invalid");

        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Contains("AuthServer is up", Encoding.ASCII.GetString(health.Body));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.Status);
    }

    [Fact]
    public async Task A_patched_game_asking_another_domains_naswii_host_is_served_and_a_foreign_host_is_not()
    {
        using var patched = new NasClient(Node.Node.Endpoint("nas"), "naswii.wiimmfi.example");
        using var foreign = new NasClient(Node.Node.Endpoint("nas"), "mariokartwii.sake.gs.nintendowifi.net");

        Assert.Equal("002", (await patched.AcctCreateAsync(EmulatedConsole.CreateWii())).ReturnCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.AcctCreateAsync(EmulatedConsole.CreateWii())).Status);
    }

    [Fact]
    public async Task A_request_with_the_Host_header_twice_is_answered_like_any_other()
    {
        var console = EmulatedConsole.CreateWii();
        var form = string.Join("&", console.AcctCreateFields().Select(f => f.Key + "=" + NwcBase64.Encode(f.Value)));
        var endpoint = Node.Node.Endpoint("nas");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint);
        var request = "POST /ac HTTP/1.1\r\n" +
                      "Host: naswii.nintendowifi.net\r\n" +
                      "User-Agent: RVL SDK/1.0\r\n" +
                      "Host: naswii.nintendowifi.net\r\n" +
                      "Content-Type: application/x-www-form-urlencoded\r\n" +
                      $"Content-Length: {form.Length}\r\n" +
                      "Connection: close\r\n\r\n" + form;
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));

        var response = await ReadAllAsync(socket);

        Assert.StartsWith("HTTP/1.1 200", response);
        var body = Encoding.Latin1.GetBytes(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.True(NasResponse.TryParseBody(body, out var values));
        Assert.Equal("002", Encoding.ASCII.GetString(values["returncd"]));
        // The filter counts the dropped line before Kestrel reads the request, so it is counted by now.
        Assert.True(await MetricAsync("duplicateHostHeaders") >= 1);
    }

    [Fact]
    public async Task A_login_with_a_missing_field_answers_103_and_is_counted()
    {
        var before = await MetricAsync("badLogins");
        var fields = EmulatedConsole.CreateWii() with { UserId = 1234 };
        var withoutCfc = fields.LoginFields().Where(f => f.Key != "cfc");

        var answer = await Node.Nas.PostFormAsync("ac", withoutCfc);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("103", answer.ReturnCode);
        Assert.Equal(before + 1, await MetricAsync("badLogins"));
    }

    [Fact]
    public async Task An_unknown_action_answers_109_and_a_missing_action_is_a_bad_request()
    {
        var unknown = await Node.Nas.PostFormAsync("ac", [new("action", "dance"u8.ToArray())]);
        var missing = await Node.Nas.PostFormAsync("ac", [new("gamecd", "RMCE"u8.ToArray())]);

        Assert.Equal("109", unknown.ReturnCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
    }

    [Fact]
    public async Task Malformed_and_oversized_bodies_are_refused_with_400_and_the_next_console_is_served()
    {
        var before = await MetricAsync("badForms");
        var badBase64 = await Node.Nas.PostRawAsync("ac", "action=!!!!&gamecd=UK1DRQ**"u8.ToArray());
        var badPercent = await Node.Nas.PostRawAsync("ac", "action=%ZZ"u8.ToArray());
        var oversized = await Node.Nas.PostRawAsync("ac", Encoding.ASCII.GetBytes("action=" + new string('A', NasFormLimits.MaxBodyBytes)));

        Assert.Equal(HttpStatusCode.BadRequest, badBase64.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badPercent.Status);
        Assert.Equal(HttpStatusCode.BadRequest, oversized.Status);
        Assert.Equal(before + 2, await MetricAsync("badForms"));
        Assert.Equal("001", (await Node.Nas.SignInAsync(EmulatedConsole.CreateWii())).Login.ReturnCode);
    }

    [Fact]
    public async Task A_console_banned_by_MAC_is_refused_at_login_with_3914_and_at_acctcreate_with_3913()
    {
        var (console, _) = await Node.Nas.SignInAsync(EmulatedConsole.CreateWii());
        await Node.Store.Bans.IssueAsync(new Actors.Storage.NewBan { Mac = console.Mac, Reason = "cheating", IssuedBy = "test" });

        var login = await Node.Nas.LoginAsync(console);
        var create = await Node.Nas.AcctCreateAsync(console with { UserId = null });

        Assert.Equal("3914", login.ReturnCode);
        Assert.Equal("1", login.Text("retry"));
        Assert.Contains("cheating", login.Text("reason"));
        Assert.Null(login.Token);
        Assert.Equal("3913", create.ReturnCode);
    }

    [Fact]
    public async Task A_console_banned_by_its_NG_id_is_refused_with_3914()
    {
        var (console, _) = await Node.Nas.SignInAsync(EmulatedConsole.CreateWii());
        await Node.Store.Bans.IssueAsync(new Actors.Storage.NewBan { NgId = console.NgId, Reason = "modded", IssuedBy = "test" });

        Assert.Equal("3914", (await Node.Nas.LoginAsync(console)).ReturnCode);
    }

    [Fact]
    public async Task Every_login_attempt_is_written_to_the_login_log()
    {
        var (console, _) = await Node.Nas.SignInAsync(EmulatedConsole.CreateWii());

        var entries = await Node.Store.LoginLog.ListRecentAsync(new Actors.Storage.LoginLogQuery(UserId: (long)console.UserId!.Value));

        var entry = Assert.Single(entries);
        Assert.Equal(Actors.Storage.LoginService.Nas, entry.Service);
        Assert.Equal(Actors.Storage.LoginOutcome.Success, entry.Outcome);
        Assert.Equal("RMCE", entry.GameCode);
        Assert.Equal("127.0.0.1", entry.Ip);
        Assert.Equal("returncd=001", entry.Detail);
    }

    private async Task<long> MetricAsync(string name)
    {
        using var json = JsonDocument.Parse(await Node.Node.Management.GetStringAsync("nas/metrics"));
        return json.RootElement.GetProperty(name).GetInt64();
    }

    private static void AssertDateTimeIsNow(NasAnswer answer)
    {
        var time = DateTime.ParseExact(answer.Text("datetime")!, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        Assert.InRange(time, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
    }

    private static string Field(byte[] body, string key)
    {
        var text = Encoding.ASCII.GetString(body).TrimEnd('\0');
        return text.Split('&').Single(p => p.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
    }

    private static async Task<string> ReadAllAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var total = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                return Encoding.Latin1.GetString(buffer, 0, total);
            }

            total += read;
        }
    }
}
