using Wiimmfi.ConsoleEmulator.Gpcm;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Tests.Login;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Sessions;

/// <summary>Friends, presence and buddy messages between emulated consoles over real sockets (gpcm.md §8–11).</summary>
public sealed class FriendsEndToEndTests(SharedLoginNode shared) : IClassFixture<SharedLoginNode>
{
    /// <summary>The RESERVATION v90 of vectors/gpcm_match_command.json: a Mario Kart Wii friend-room join.</summary>
    private const string Reservation = "GPCM90vMAT\u0001AwAAAAECAwQ0EgAAwKgAAjHUAAAAAAAAAQAAAAEAAADvvq3eAAAAAA**";

    private LoginNode Node => shared.Node;

    [Fact]
    public async Task Two_consoles_that_add_each_other_are_told_of_the_friendship_and_of_each_others_presence()
    {
        await using var a = await Node.SignInAsync();
        await using var b = await Node.SignInAsync();

        await a.Gpcm.AddBuddyAsync(b.ProfileId);
        await b.Gpcm.AddBuddyAsync(a.ProfileId);

        Assert.Equal(b.ProfileId, (await a.Gpcm.WaitForBuddyMessageAsync(m => m.Type == GpBuddyMessageType.Auth)).From);
        Assert.Equal(DwcStatus.Online, (await a.Gpcm.WaitForStatusAsync(b.ProfileId)).Status);
        Assert.Equal(a.ProfileId, (await b.Gpcm.WaitForBuddyMessageAsync(m => m.Type == GpBuddyMessageType.Auth)).From);
        Assert.Equal(DwcStatus.Online, (await b.Gpcm.WaitForStatusAsync(a.ProfileId)).Status);
    }

    [Fact]
    public async Task A_friends_status_change_reaches_the_other_console_with_its_strings()
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        await using (b)
        {
            await a.Gpcm.SetStatusAsync(DwcStatus.MatchServerClientServer, "/VER=3/FME=12/SCM=12/SCN=2", "AAAAAQ**");

            var status = await b.Gpcm.WaitForStatusAsync(a.ProfileId, p => p.Status == DwcStatus.MatchServerClientServer);

            Assert.Equal("/VER=3/FME=12/SCM=12/SCN=2", status.StatString);
            Assert.Equal("AAAAAQ**", status.LocString);
            Assert.Equal(0u, status.Ip);
        }
    }

    [Fact]
    public async Task A_location_string_too_long_for_Mario_Kart_Wii_is_left_out_of_the_status()
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        await using (b)
        {
            await a.Gpcm.SetStatusAsync(DwcStatus.Playing, "x", new string('A', 40));

            var status = await b.Gpcm.WaitForStatusAsync(a.ProfileId, p => p.Status == DwcStatus.Playing);

            Assert.Equal("", status.LocString);
            Assert.Equal("x", status.StatString);
        }
    }

    [Fact]
    public async Task A_friend_room_join_is_relayed_to_the_online_friend_unchanged()
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        await using (b)
        {
            await a.Gpcm.SendBuddyMessageAsync(b.ProfileId, Reservation);

            var relayed = await b.Gpcm.WaitForBuddyMessageAsync(m => m.Type == GpBuddyMessageType.Message);

            Assert.Equal(a.ProfileId, relayed.From);
            Assert.Equal(Reservation, relayed.Message);
        }
    }

    [Fact]
    public async Task A_relayed_message_reaches_a_fresh_session_only_after_a_status_of_its_sender()
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        await using (b)
        {
            // DWC drops a message from a profile it has no status of: whether the status comes from the login
            // exchange or as a stand-in, it must be in front of the message (the stand-in itself: see the logic tests).
            await b.Gpcm.DisposeAsync();
            await using var again = await Node.SignInAsync(b.Console);
            await a.Gpcm.SendBuddyMessageAsync(again.ProfileId, Reservation);

            var seen = new List<GpcmBuddyMessage>();
            await again.Gpcm.WaitForBuddyMessageAsync(m =>
            {
                seen.Add(m);
                return m.Type == GpBuddyMessageType.Message;
            });

            Assert.Contains(seen, m => m.Type == GpBuddyMessageType.Status && m.From == a.ProfileId);
            Assert.True(seen.FindIndex(m => m.Type == GpBuddyMessageType.Status && m.From == a.ProfileId)
                        < seen.FindIndex(m => m.Type == GpBuddyMessageType.Message));
        }
    }

    [Fact]
    public async Task A_friend_room_join_to_a_friend_who_is_offline_is_refused_in_its_name_with_RESV_DENY()
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        {
            await b.Gpcm.LogoutAsync();
            await a.Gpcm.WaitForStatusAsync(b.ProfileId, p => p.Status == DwcStatus.Offline);
            await b.DisposeAsync();

            await a.Gpcm.SendBuddyMessageAsync(b.ProfileId, Reservation);

            var deny = await a.Gpcm.WaitForBuddyMessageAsync(m => m.Type == GpBuddyMessageType.Message);
            Assert.Equal(b.ProfileId, deny.From);
            Assert.Equal(GpcmMatchCommandText.ResvDenyRoomFull(90), deny.Message);
        }
    }

    [Fact]
    public async Task A_message_to_a_profile_that_is_not_a_mutual_friend_gets_error_2305()
    {
        await using var a = await Node.SignInAsync();
        await using var b = await Node.SignInAsync();
        await a.Gpcm.AddBuddyAsync(b.ProfileId);

        await a.Gpcm.SendBuddyMessageAsync(b.ProfileId, Reservation);

        var error = await a.Gpcm.WaitForErrorAsync();
        Assert.Equal(GpErrorCode.BuddyMessageNotBuddy, error.Code);
        Assert.False(error.IsFatal);
    }

    [Theory]
    [InlineData("hello there")]
    [InlineData("GPCM90vMAT\u0001!!!!")]
    [InlineData("GPCM91vMAT\u0001AAAA")]
    public async Task A_type_1_message_that_is_not_an_acceptable_match_command_gets_error_2304(string text)
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        await using (b)
        {
            await a.Gpcm.SendBuddyMessageAsync(b.ProfileId, text);

            Assert.Equal(GpErrorCode.BuddyMessage, (await a.Gpcm.WaitForErrorAsync()).Code);
        }
    }

    [Fact]
    public async Task A_match_command_over_the_relay_bound_gets_error_2304()
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        await using (b)
        {
            var tooLong = GpcmMatchCommandText.Format(90, 0x07, new byte[GpcmMatchCommandText.MaxRelayPayloadBytes + 4]);

            await a.Gpcm.SendBuddyMessageAsync(b.ProfileId, tooLong);

            Assert.Equal(GpErrorCode.BuddyMessage, (await a.Gpcm.WaitForErrorAsync()).Code);
        }
    }

    [Fact]
    public async Task When_a_console_logs_out_its_friends_see_it_go_offline()
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        await using (b)
        {
            await b.Gpcm.Stream.DisposeAsync();

            var offline = await a.Gpcm.WaitForStatusAsync(b.ProfileId, p => p.Status == DwcStatus.Offline);

            Assert.Equal("Offline", offline.StatString);
        }
    }

    [Fact]
    public async Task A_friend_who_logs_in_later_gets_the_current_status_without_asking()
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        {
            await a.Gpcm.SetStatusAsync(DwcStatus.MatchAnybody, "/VER=3", "AAAA");
            await b.Gpcm.WaitForStatusAsync(a.ProfileId, p => p.Status == DwcStatus.MatchAnybody);
            await b.DisposeAsync();
            await a.Gpcm.WaitForStatusAsync(b.ProfileId, p => p.Status == DwcStatus.Offline);

            await using var later = await Node.SignInAsync(b.Console);

            var status = await later.Gpcm.WaitForStatusAsync(a.ProfileId);
            Assert.Equal(DwcStatus.MatchAnybody, status.Status);
            Assert.Equal("AAAA", status.LocString);
            Assert.Equal(DwcStatus.Online, (await a.Gpcm.WaitForStatusAsync(b.ProfileId, p => p.Status == DwcStatus.Online)).Status);
        }
    }

    [Fact]
    public async Task Removing_a_friend_shows_it_offline_to_the_other_and_ends_their_messages()
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        await using (b)
        {
            await a.Gpcm.DelBuddyAsync(b.ProfileId);

            await b.Gpcm.WaitForStatusAsync(a.ProfileId, p => p.Status == DwcStatus.Offline);
            await b.Gpcm.SendBuddyMessageAsync(a.ProfileId, Reservation);
            Assert.Equal(GpErrorCode.BuddyMessageNotBuddy, (await b.Gpcm.WaitForErrorAsync()).Code);
        }
    }

    [Fact]
    public async Task Authadd_of_a_mutual_friend_exchanges_status_and_of_a_stranger_gets_error_1793()
    {
        var (a, b) = await FriendsAsync();
        await using (a)
        await using (b)
        await using (var stranger = await Node.SignInAsync())
        {
            await a.Gpcm.AuthAddAsync(stranger.ProfileId);
            Assert.Equal(GpErrorCode.AuthAddBadFrom, (await a.Gpcm.WaitForErrorAsync()).Code);

            await a.Gpcm.AuthAddAsync(b.ProfileId);
            await a.Gpcm.WaitForStatusAsync(b.ProfileId);
        }
    }

    [Fact]
    public async Task Adding_oneself_gets_error_1538()
    {
        await using var a = await Node.SignInAsync();

        await a.Gpcm.AddBuddyAsync(a.ProfileId);

        Assert.Equal(GpErrorCode.AddBuddyBadNew, (await a.Gpcm.WaitForErrorAsync()).Code);
    }

    /// <summary>Two signed-in consoles that listed each other, after both saw the authorisation.</summary>
    private async Task<(SignedInConsole A, SignedInConsole B)> FriendsAsync()
    {
        var a = await Node.SignInAsync();
        var b = await Node.SignInAsync();
        await a.Gpcm.AddBuddyAsync(b.ProfileId);
        await b.Gpcm.AddBuddyAsync(a.ProfileId);
        await a.Gpcm.WaitForStatusAsync(b.ProfileId);
        await b.Gpcm.WaitForStatusAsync(a.ProfileId);
        return (a, b);
    }
}
