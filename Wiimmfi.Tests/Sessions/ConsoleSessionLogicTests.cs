using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Tests.TestKit;
using static Wiimmfi.Tests.Sessions.SessionTestData;

namespace Wiimmfi.Tests.Sessions;

/// <summary>
/// <see cref="ConsoleSessionLogic"/> as data: what a session decides for each message, without actors or sockets.
/// Connections are real references (probes) only so that they compare by identity.
/// </summary>
public sealed class ConsoleSessionLogicTests : IDisposable
{
    private readonly ActorSystemFixture _actors = new();
    private readonly TestProbe _connection;
    private readonly TestProbe _newConnection;

    public ConsoleSessionLogicTests()
    {
        _connection = _actors.CreateTestProbe();
        _newConnection = _actors.CreateTestProbe();
    }

    public void Dispose() => _actors.Dispose();

    [Fact]
    public void A_login_is_accepted_and_the_presence_is_exchanged_with_every_mutual_friend()
    {
        var login = new SessionLogin(Me, _connection.Ref, Key, Identity());

        var decision = ConsoleSessionLogic.Login(ConsoleSessionState.OfflineFor(Me), login, [Friend, Stranger], [Friend]);

        Assert.IsType<LoggedIn>(Assert.Single(decision.Events));
        Assert.Equal(new ToSender(new SessionLoginAccepted(Me, Key, [Friend, Stranger])),
            decision.Effects.OfType<ToSender>().Single() with { },
            new ToSenderComparer());
        var notice = Assert.Single(decision.Effects.OfType<ToSession>()).Message;
        Assert.Equal(new FriendPresence(Friend, Me, SessionPresence.Online, "mariokartwii", AnnounceAuthorization: false, AnswerWithOwn: true), notice);
    }

    [Fact]
    public void A_second_login_from_another_connection_kicks_the_first_with_error_6()
    {
        var state = Online(_connection.Ref);

        var decision = ConsoleSessionLogic.Login(state, new SessionLogin(Me, _newConnection.Ref, Key + 1, Identity()), [], []);

        var kick = Assert.Single(decision.Effects.OfType<ToConsole>());
        Assert.Equal(_connection.Ref, kick.Connection);
        Assert.Equal(new ConsoleKick((int)GpErrorCode.ForcedDisconnect, GpError.DefaultMessage(GpErrorCode.ForcedDisconnect)), kick.Message);
    }

    [Fact]
    public void Commands_with_the_key_of_a_replaced_connection_are_ignored()
    {
        var state = Online(_connection.Ref);

        Assert.Same(SessionDecision.None, ConsoleSessionLogic.Logout(state, Key + 1, "old"));
        Assert.Same(SessionDecision.None, ConsoleSessionLogic.Publish(state, new PublishStatus(Me, Key + 1, SessionPresence.Online)));
        Assert.Same(SessionDecision.None, ConsoleSessionLogic.Send(state, new SendBuddyMessage(Me, Key + 1, Friend, 1, "x", 90)));
    }

    [Fact]
    public void A_status_goes_to_mutual_friends_only()
    {
        var presence = new SessionPresence(3, "/VER=3", "AAAA");

        var decision = ConsoleSessionLogic.Publish(Online(_connection.Ref), new PublishStatus(Me, Key, presence));

        Assert.Equal([new PresenceChanged(presence)], decision.Events);
        Assert.Equal([new ToSession(new FriendPresence(Friend, Me, presence, "mariokartwii", false, false))], decision.Effects);
    }

    [Fact]
    public void A_friends_presence_is_shown_with_the_Mario_Kart_location_guard_and_answered_when_asked()
    {
        var state = Online(_connection.Ref) with { Presence = new SessionPresence(1, "", "") };
        var longLocation = new string('A', 21);

        var decision = ConsoleSessionLogic.OnFriendPresence(state,
            new FriendPresence(Me, Friend, new SessionPresence(2, "s", longLocation), "mariokartwii", AnnounceAuthorization: false, AnswerWithOwn: true));

        var delivery = Assert.IsType<ConsoleDelivery>(decision.Effects.OfType<ToConsole>().Single().Message);
        Assert.Equal([new BuddyMessageDelivery(100, Friend, "|s|2|ss|s|ls||ip|0|p|0|qm|0")], delivery.Messages);
        Assert.Equal([new StatusReceived(Friend)], decision.Events);
        Assert.Equal(new FriendPresence(Friend, Me, state.Presence, "mariokartwii", false, false), decision.Effects.OfType<ToSession>().Single().Message);
    }

    [Fact]
    public void A_presence_from_a_profile_that_is_not_mutual_or_plays_another_game_is_ignored()
    {
        var state = Online(_connection.Ref);

        Assert.Same(SessionDecision.None, ConsoleSessionLogic.OnFriendPresence(state,
            new FriendPresence(Me, Stranger, SessionPresence.Online, "mariokartwii", false, true)));
        Assert.Same(SessionDecision.None, ConsoleSessionLogic.OnFriendPresence(state,
            new FriendPresence(Me, Friend, SessionPresence.Online, "mariokartds", false, true)));
        Assert.Same(SessionDecision.None, ConsoleSessionLogic.OnFriendPresence(ConsoleSessionState.OfflineFor(Me),
            new FriendPresence(Me, Friend, SessionPresence.Online, "mariokartwii", false, true)));
    }

    [Fact]
    public void A_store_add_that_makes_friends_mutual_tells_the_friend_with_the_current_presence()
    {
        var state = Online(_connection.Ref);

        var decision = ConsoleSessionLogic.FriendAddStored(state, Stranger, FriendAddOutcome.BecameMutual);

        Assert.Equal([new FriendAdded(Stranger, Mutual: true)], decision.Events);
        Assert.Equal([new ToSession(new FriendshipAuthorized(Stranger, Me, state.Presence, "mariokartwii"))], decision.Effects);
        Assert.Equal([new FriendAdded(2000, Mutual: false)], ConsoleSessionLogic.FriendAddStored(state, 2000, FriendAddOutcome.Pending).Events);
    }

    [Fact]
    public void A_full_friend_list_is_reported_to_the_console_with_error_1536()
    {
        var decision = ConsoleSessionLogic.FriendAddStored(Online(_connection.Ref), 2000, FriendAddOutcome.ListFull);

        Assert.Empty(decision.Events);
        Assert.Equal((int)GpErrorCode.AddBuddy, Assert.IsType<ConsoleError>(decision.Effects.OfType<ToConsole>().Single().Message).Code);
    }

    [Fact]
    public void An_authorisation_is_announced_with_bm_4_before_the_status_and_DS_consoles_also_get_the_text_notice()
    {
        var wii = ConsoleSessionLogic.OnFriendshipAuthorized(Online(_connection.Ref), new FriendshipAuthorized(Me, Stranger, SessionPresence.Online, "mariokartwii"));
        var ds = ConsoleSessionLogic.OnFriendshipAuthorized(Online(_connection.Ref, "mariokartds", unitCode: 0),
            new FriendshipAuthorized(Me, Stranger, SessionPresence.Online, "mariokartds"));

        Assert.Equal([4, 100], Delivered(wii).Select(m => m.Type));
        Assert.Equal([4, 1, 100], Delivered(ds).Select(m => m.Type));
        Assert.Equal(ConsoleSessionLogic.AuthorizedNoticeText, Delivered(ds)[1].Text);
        Assert.Contains(new FriendshipGranted(Stranger), wii.Events);
        Assert.Equal(new FriendPresence(Stranger, Me, SessionPresence.Online, "mariokartwii", AnnounceAuthorization: true, AnswerWithOwn: false),
            wii.Effects.OfType<ToSession>().Single().Message);
    }

    [Fact]
    public void A_message_to_a_profile_that_is_not_mutual_gets_error_2305()
    {
        var decision = ConsoleSessionLogic.Send(Online(_connection.Ref), new SendBuddyMessage(Me, Key, Stranger, 1, "GPCM90vMAT\u0004", 90));

        Assert.Equal((int)GpErrorCode.BuddyMessageNotBuddy, Assert.IsType<ConsoleError>(decision.Effects.OfType<ToConsole>().Single().Message).Code);
    }

    [Fact]
    public void A_relayed_message_from_a_sender_without_status_is_preceded_by_the_stand_in_status_in_one_delivery()
    {
        var state = Online(_connection.Ref);

        var first = ConsoleSessionLogic.OnRelay(state, new RelayBuddyMessage(Me, Friend, 1, "GPCM90vMAT\u0004", 90, "mariokartwii"));
        var afterStatus = ConsoleSessionLogic.OnRelay(state.Apply(new StatusReceived(Friend)),
            new RelayBuddyMessage(Me, Friend, 1, "GPCM90vMAT\u0004", 90, "mariokartwii"));

        Assert.Equal([new BuddyMessageDelivery(100, Friend, GpcmPresence.PlaceholderText), new BuddyMessageDelivery(1, Friend, "GPCM90vMAT\u0004")],
            Delivered(first));
        Assert.Equal([new StatusReceived(Friend)], first.Events);
        Assert.Equal([new BuddyMessageDelivery(1, Friend, "GPCM90vMAT\u0004")], Delivered(afterStatus));
    }

    [Theory]
    [InlineData(false, Friend, "mariokartwii", BounceReason.Offline)]
    [InlineData(true, Stranger, "mariokartwii", BounceReason.NotMutual)]
    [InlineData(true, Friend, "mariokartds", BounceReason.OtherGame)]
    public void A_message_that_cannot_be_delivered_bounces_to_the_sender_with_the_reason(bool online, uint from, string game, BounceReason reason)
    {
        var state = online ? Online(_connection.Ref) : ConsoleSessionState.OfflineFor(Me);

        var decision = ConsoleSessionLogic.OnRelay(state, new RelayBuddyMessage(Me, from, 1, "GPCM90vMAT\u0001", 90, game));

        Assert.Equal([new ToSession(new BuddyMessageBounced(from, Me, 1, 90, reason))], decision.Effects);
    }

    [Fact]
    public void A_bounced_match_command_comes_back_as_RESV_DENY_room_full_and_other_messages_as_error_2307()
    {
        var state = Online(_connection.Ref).Apply(new StatusReceived(Friend));

        var match = ConsoleSessionLogic.OnBounced(state, new BuddyMessageBounced(Me, Friend, 1, 90, BounceReason.Offline));
        var ping = ConsoleSessionLogic.OnBounced(state, new BuddyMessageBounced(Me, Friend, 102, 0, BounceReason.Offline));

        Assert.Equal([new BuddyMessageDelivery(1, Friend, "GPCM90vMAT\u0003EAAAAA**")], Delivered(match));
        Assert.Equal((int)GpErrorCode.BuddyMessageBuddyOffline, Assert.IsType<ConsoleError>(ping.Effects.OfType<ToConsole>().Single().Message).Code);
    }

    [Fact]
    public void A_kick_disconnects_the_console_tells_the_friends_and_answers_whether_it_was_online()
    {
        var online = ConsoleSessionLogic.Kick(Online(_connection.Ref), new KickSession(Me, 7, "rude"));
        var offline = ConsoleSessionLogic.Kick(ConsoleSessionState.OfflineFor(Me), new KickSession(Me, 7, "rude"));

        Assert.Equal(new ToConsole(_connection.Ref, new ConsoleKick(7, "rude")), online.Effects[0]);
        Assert.Contains(new ToSession(new FriendOffline(Friend, Me)), online.Effects);
        Assert.Contains(new ToSender(new KickAnswer(Me, true)), online.Effects);
        Assert.IsType<LoggedOut>(Assert.Single(online.Events));
        Assert.Equal([new ToSender(new KickAnswer(Me, false))], offline.Effects);
    }

    [Fact]
    public void Removing_a_friend_tells_it_and_removing_a_stranger_gets_error_2817()
    {
        var state = Online(_connection.Ref);

        var removed = ConsoleSessionLogic.FriendRemoveStored(state, Friend, removed: true);
        var unknown = ConsoleSessionLogic.FriendRemoveStored(state, 4000, removed: false);

        Assert.Equal([new FriendRemoved(Friend)], removed.Events);
        Assert.Equal([new ToSession(new FriendshipRevoked(Friend, Me))], removed.Effects);
        Assert.Equal((int)GpErrorCode.DelBuddyNotBuddy, Assert.IsType<ConsoleError>(unknown.Effects.OfType<ToConsole>().Single().Message).Code);
    }

    [Fact]
    public void A_revoked_friendship_shows_the_former_friend_offline()
    {
        var decision = ConsoleSessionLogic.OnFriendshipRevoked(Online(_connection.Ref), new FriendshipRevoked(Me, Friend));

        Assert.Equal([new FriendshipWithdrawn(Friend)], decision.Events);
        Assert.Equal([new BuddyMessageDelivery(100, Friend, GpcmPresence.OfflineText)], Delivered(decision));
    }

    [Fact]
    public void A_session_key_is_verified_for_the_live_session_and_its_game()
    {
        var state = Online(_connection.Ref);

        Assert.Equal(new SessionVerified(Me, true, "RMCJ2leohni"), ConsoleSessionLogic.Verify(state, new VerifySession(Me, Key, "mariokartwii")));
        Assert.False(ConsoleSessionLogic.Verify(state, new VerifySession(Me, Key, "mariokartds")).Valid);
        Assert.False(ConsoleSessionLogic.Verify(state, new VerifySession(Me, Key + 1, null)).Valid);
        Assert.True(ConsoleSessionLogic.Verify(state, new VerifySession(Me, Key, null)).Valid);
    }

    private static IReadOnlyList<BuddyMessageDelivery> Delivered(SessionDecision decision) =>
        Assert.IsType<ConsoleDelivery>(decision.Effects.OfType<ToConsole>().Single().Message).Messages;

    /// <summary>Records holding lists compare the lists by reference; compare the accepted reply by content.</summary>
    private sealed class ToSenderComparer : IEqualityComparer<ToSender>
    {
        public bool Equals(ToSender? x, ToSender? y) =>
            x?.Message is SessionLoginAccepted a && y?.Message is SessionLoginAccepted b
            && a.ProfileId == b.ProfileId && a.SessionKey == b.SessionKey && a.BuddyList.SequenceEqual(b.BuddyList);

        public int GetHashCode(ToSender obj) => 0;
    }
}
