using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Sessions;
using static Wiimmfi.Tests.Sessions.SessionTestData;

namespace Wiimmfi.Tests.Sessions;

/// <summary><see cref="ConsoleSessionState.Apply"/>: each event changes exactly what it says.</summary>
public sealed class ConsoleSessionStateTests
{
    private static readonly IActorRef Connection = ActorRefs.Nobody;

    [Fact]
    public void A_new_entity_is_offline_with_no_friends()
    {
        var state = ConsoleSessionState.OfflineFor(Me);

        Assert.False(state.IsOnline);
        Assert.Empty(state.Friends);
        Assert.Equal(SessionPresence.Offline, state.Presence);
        Assert.False(state.IsCurrent(0));
    }

    [Fact]
    public void Logging_in_takes_the_connection_key_identity_and_lists_with_the_online_presence()
    {
        var state = Online(Connection);

        Assert.True(state.IsOnline);
        Assert.True(state.IsCurrent(Key));
        Assert.False(state.IsCurrent(Key + 1));
        Assert.Equal(SessionPresence.Online, state.Presence);
        Assert.Equal([Friend, Stranger], state.Friends.Order());
        Assert.Equal([Friend], state.Mutual);
        Assert.Empty(state.StatusReceivedFrom);
        Assert.Equal("mariokartwii", state.GameName);
    }

    [Fact]
    public void Logging_out_forgets_everything_about_the_session()
    {
        var state = Online(Connection).Apply(new StatusReceived(Friend)).Apply(new LoggedOut("bye"));

        Assert.False(state.IsOnline);
        Assert.Null(state.Connection);
        Assert.Null(state.Identity);
        Assert.Equal(0, state.SessionKey);
        Assert.Equal(SessionPresence.Offline, state.Presence);
        Assert.Empty(state.Friends);
        Assert.Empty(state.Mutual);
        Assert.Empty(state.StatusReceivedFrom);
    }

    [Fact]
    public void Friend_events_move_profiles_between_listed_and_mutual()
    {
        var state = Online(Connection)
            .Apply(new FriendAdded(2000, Mutual: false))
            .Apply(new FriendAdded(3000, Mutual: true))
            .Apply(new FriendshipGranted(2000))
            .Apply(new FriendshipWithdrawn(Friend))
            .Apply(new FriendRemoved(3000));

        Assert.Equal([2000u, Friend, Stranger], state.Friends.Order());
        Assert.Equal([2000u], state.Mutual);
    }

    [Fact]
    public void A_presence_change_and_a_received_status_are_kept()
    {
        var presence = new SessionPresence(3, "/VER=3", "AAAA");

        var state = Online(Connection).Apply(new PresenceChanged(presence)).Apply(new StatusReceived(Friend));

        Assert.Equal(presence, state.Presence);
        Assert.Equal([Friend], state.StatusReceivedFrom);
    }
}
