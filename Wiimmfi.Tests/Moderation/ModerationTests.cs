using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Tests.Login;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Moderation;

/// <summary>The operators' moderation routes over HTTP, with emulated consoles online (DESIGN.md "Management HTTP").</summary>
public sealed class ModerationTests(SharedLoginNode shared) : IClassFixture<SharedLoginNode>
{
    private LoginNode Node => shared.Node;

    private HttpClient Admin => Node.Node.Admin;

    [Fact]
    public async Task The_session_list_shows_each_online_console_with_its_profile_friend_code_nick_game_address_and_status()
    {
        await using var console = await Node.SignInAsync(ConsoleEmulator.Nas.EmulatedConsole.CreateWii(inGameName: "Daisy"));
        await console.Gpcm.SetStatusAsync(DwcStatus.MatchAnybody, "/VER=3", "AAAA");

        using var entry = await EventuallyAsync(async () =>
        {
            var json = JsonDocument.Parse(await Admin.GetStringAsync("admin/sessions"));
            var found = json.RootElement.GetProperty("sessions").EnumerateArray()
                .FirstOrDefault(s => s.GetProperty("profileId").GetUInt32() == console.ProfileId);
            return found.ValueKind == JsonValueKind.Object && found.GetProperty("status").GetProperty("code").GetInt32() == 3 ? json : null;
        });
        var session = entry.RootElement.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("profileId").GetUInt32() == console.ProfileId);

        Assert.Equal(FriendCode.ComputeDisplay(console.ProfileId, "RMCJ"), session.GetProperty("friendCode").GetString());
        Assert.Equal("Daisy", session.GetProperty("nick").GetString());
        Assert.Equal("mariokartwii", session.GetProperty("game").GetString());
        Assert.Equal("127.0.0.1", session.GetProperty("ip").GetString());
        Assert.Equal(console.Console.Mac, session.GetProperty("mac").GetString());
        Assert.Equal("AAAA", session.GetProperty("status").GetProperty("locString").GetString());
        Assert.InRange(session.GetProperty("loginTime").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Kicking_an_online_profile_sends_error_7_closes_its_socket_and_is_audited()
    {
        await using var console = await Node.SignInAsync();

        var response = await Admin.PostAsJsonAsync($"admin/kick/{console.ProfileId}", new { reason = "rude name" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = await console.Gpcm.WaitForErrorAsync();
        Assert.Equal(GpErrorCode.ConnectionClosed, error.Code);
        Assert.True(error.IsFatal);
        Assert.True(await console.Gpcm.Stream.WaitForCloseAsync());
        Assert.Null(Node.Sessions.Directory.Find(console.ProfileId));
        var audit = await AuditForAsync(console.ProfileId);
        Assert.Equal("kick", audit[0].GetProperty("action").GetString());
        Assert.Equal("rude name", audit[0].GetProperty("reason").GetString());
        Assert.Equal(TestNode.AdminUser, audit[0].GetProperty("operator").GetString());
    }

    [Fact]
    public async Task Kicking_a_profile_that_is_not_online_answers_404_and_logs_nothing()
    {
        var response = await Admin.PostAsync("admin/kick/1999999999?reason=test", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await AuditForAsync(1_999_999_999));
    }

    [Fact]
    public async Task A_ban_issued_while_the_profile_is_online_kicks_it_at_once_and_refuses_its_next_login()
    {
        await using var console = await Node.SignInAsync();

        var response = await Admin.PostAsJsonAsync("admin/bans", new { profileId = console.ProfileId, reason = "cheating", durationSeconds = 3600 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var issued = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([console.ProfileId], issued.RootElement.GetProperty("kicked").EnumerateArray().Select(k => k.GetUInt32()));
        Assert.True(issued.RootElement.GetProperty("ban").GetProperty("active").GetBoolean());
        Assert.Equal(GpErrorCode.ConnectionClosed, (await console.Gpcm.WaitForErrorAsync()).Code);
        Assert.True(await console.Gpcm.Stream.WaitForCloseAsync());
        Assert.Equal("3914", (await Node.Nas.LoginAsync(console.Console)).ReturnCode);
        var audit = await AuditForAsync(console.ProfileId);
        Assert.Equal("ban", audit[0].GetProperty("action").GetString());
        Assert.Contains(console.ProfileId.ToString(CultureInfo.InvariantCulture), audit[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_ban_on_a_console_MAC_kicks_the_session_of_that_console()
    {
        await using var console = await Node.SignInAsync();
        await using var bystander = await Node.SignInAsync();

        var response = await Admin.PostAsJsonAsync("admin/bans", new { mac = console.Console.Mac.ToUpperInvariant(), reason = "stolen console" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(GpErrorCode.ConnectionClosed, (await console.Gpcm.WaitForErrorAsync()).Code);
        Assert.Equal("3914", (await Node.Nas.LoginAsync(console.Console)).ReturnCode);
        await bystander.Gpcm.KeepAliveAsync();
        Assert.Equal("ka", (await bystander.Gpcm.Stream.WaitForAsync(m => m.Command == "ka")).Command);
    }

    [Fact]
    public async Task Lifting_a_ban_lets_the_console_in_again_and_is_audited()
    {
        var (console, _) = await Node.NasLoginAsync();
        var issued = await Admin.PostAsJsonAsync("admin/bans", new { mac = console.Mac, reason = "mistake" });
        using var ban = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        var banId = ban.RootElement.GetProperty("ban").GetProperty("id").GetInt64();
        Assert.Equal("3914", (await Node.Nas.LoginAsync(console)).ReturnCode);

        var lifted = await Admin.DeleteAsync($"admin/bans/{banId}?reason=appeal%20accepted");
        var again = await Admin.DeleteAsync($"admin/bans/{banId}");
        var unknown = await Admin.DeleteAsync("admin/bans/999999999");

        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("001", (await Node.Nas.LoginAsync(console)).ReturnCode);
        using var audit = JsonDocument.Parse(await Admin.GetStringAsync("admin/audit?limit=50"));
        Assert.Contains(audit.RootElement.GetProperty("entries").EnumerateArray(), e =>
            e.GetProperty("action").GetString() == "unban" && e.GetProperty("banId").GetInt64() == banId
            && e.GetProperty("reason").GetString() == "appeal accepted");
    }

    [Fact]
    public async Task The_ban_list_shows_standing_bans_and_lifted_ones_only_when_asked()
    {
        var mac = ConsoleEmulator.Nas.EmulatedConsole.CreateWii().Mac;
        var issued = await Admin.PostAsJsonAsync("admin/bans", new { mac, reason = "listed" });
        using var ban = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        var banId = ban.RootElement.GetProperty("ban").GetProperty("id").GetInt64();

        Assert.Contains(banId, await BanIdsAsync($"admin/bans?mac={mac}"));
        Assert.Contains(banId, await BanIdsAsync("admin/bans"));
        await Admin.DeleteAsync($"admin/bans/{banId}");
        Assert.DoesNotContain(banId, await BanIdsAsync($"admin/bans?mac={mac}"));
        Assert.Contains(banId, await BanIdsAsync($"admin/bans?mac={mac}&all=true"));
    }

    [Theory]
    [InlineData("{\"reason\":\"no key\"}")]
    [InlineData("{\"mac\":\"not-a-mac\",\"reason\":\"r\"}")]
    [InlineData("{\"ip\":\"999.1.1.1\",\"reason\":\"r\"}")]
    [InlineData("{\"profileId\":5}")]
    [InlineData("{\"profileId\":5,\"reason\":\"r\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}")]
    [InlineData("{\"profileId\":5,\"reason\":\"r\",\"durationSeconds\":-1}")]
    [InlineData("not json")]
    public async Task A_ban_request_that_makes_no_sense_is_refused_with_400_and_stores_nothing(string body)
    {
        var before = (await BanIdsAsync("admin/bans?all=true")).Count;

        var response = await Admin.PostAsync("admin/bans", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, (await BanIdsAsync("admin/bans?all=true")).Count);
    }

    [Fact]
    public async Task Moderation_routes_need_the_admin_credentials()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Node.Node.Management.GetAsync("admin/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Node.Node.Management.PostAsync("admin/kick/1", null)).StatusCode);
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value (the session list follows the session a moment later).</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + Awaiting.DefaultTimeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TestKitException("The expected state did not appear in time.");
            }

            await Task.Delay(20);
        }
    }

    private async Task<List<JsonElement>> AuditForAsync(uint profileId)
    {
        using var json = JsonDocument.Parse(await Admin.GetStringAsync($"admin/audit?profileId={profileId}"));
        return [.. json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
    }

    private async Task<List<long>> BanIdsAsync(string route)
    {
        using var json = JsonDocument.Parse(await Admin.GetStringAsync(route));
        return [.. json.RootElement.GetProperty("bans").EnumerateArray().Select(b => b.GetProperty("id").GetInt64())];
    }
}

/// <summary>Bans on the loopback address would catch every console of a shared node: these tests have their own.</summary>
public sealed class IpBanTests
{
    [Fact]
    public async Task An_IP_ban_kicks_every_console_from_that_address_and_NAS_refuses_it_until_lifted()
    {
        await using var node = await LoginNode.StartAsync();
        await using var first = await node.SignInAsync();
        await using var second = await node.SignInAsync();

        var response = await node.Node.Admin.PostAsJsonAsync("admin/bans", new { ip = "127.0.0.1", reason = "flooding" });
        using var issued = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(GpErrorCode.ConnectionClosed, (await first.Gpcm.WaitForErrorAsync()).Code);
        Assert.Equal(GpErrorCode.ConnectionClosed, (await second.Gpcm.WaitForErrorAsync()).Code);
        Assert.Equal(2, issued.RootElement.GetProperty("kicked").GetArrayLength());
        Assert.Equal("3914", (await node.Nas.LoginAsync(first.Console)).ReturnCode);

        var banId = issued.RootElement.GetProperty("ban").GetProperty("id").GetInt64();
        await node.Node.Admin.DeleteAsync($"admin/bans/{banId}");
        Assert.Equal("001", (await node.Nas.LoginAsync(first.Console)).ReturnCode);
    }
}
