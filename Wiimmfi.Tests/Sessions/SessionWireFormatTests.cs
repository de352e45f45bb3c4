using System.Reflection;
using System.Text;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Tests.TestKit;
using static Wiimmfi.Tests.Sessions.SessionTestData;

namespace Wiimmfi.Tests.Sessions;

/// <summary>
/// Session messages travel through the shard region (and later between nodes and into the journal):
/// each round-trips through the message serializer, and their wire names are frozen.
/// </summary>
public sealed class SessionWireFormatTests : IDisposable
{
    private readonly ActorSystemFixture _actors = new();

    public void Dispose() => _actors.Dispose();

    public static TheoryData<string> Samples() => [.. SampleMessages(ActorRefs.Nobody).Select(m => m.GetType().Name)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_session_message_round_trips_through_the_serializer(string typeName)
    {
        var probe = _actors.CreateTestProbe();
        var serializer = MessageSerializer.Create(_actors.System);
        var original = SampleMessages(probe.Ref).Single(m => m.GetType().Name == typeName);

        var serialized = serializer.Serialize(original);
        var copy = serializer.Deserialize(serialized);

        Assert.Equal(original.GetType().GetCustomAttribute<WireNameAttribute>()!.Name, serialized.Manifest);
        Assert.IsType(original.GetType(), copy);
        Assert.Equal(Encoding.UTF8.GetString(serialized.Payload), Encoding.UTF8.GetString(serializer.ToBinary(copy)));
    }

    [Fact]
    public void Every_session_wire_type_has_a_sample()
    {
        var wireTypes = typeof(ConsoleSession).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ConsoleSession).Namespace && t.GetCustomAttribute<WireNameAttribute>() is not null)
            .Select(t => t.Name)
            .Order();

        Assert.Equal(wireTypes, SampleMessages(ActorRefs.Nobody).Select(m => m.GetType().Name).Order());
    }

    [Fact]
    public void Session_wire_names_and_numbers_are_frozen()
    {
        var names = typeof(ConsoleSession).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ConsoleSession).Namespace)
            .Select(t => t.GetCustomAttribute<WireNameAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            "gpcm.buddy-message gpcm.deliver gpcm.error gpcm.kick session.add-buddy session.authorize-buddy session.buddy-message-bounced " +
            "session.event.friend-added session.event.friend-removed session.event.friendship-granted session.event.friendship-withdrawn " +
            "session.event.logged-in session.event.logged-out session.event.presence-changed session.event.resumed session.event.status-received " +
            "session.friend-offline session.friend-presence session.friendship-authorized session.friendship-revoked session.get-presence session.get-record " +
            "session.kick session.kick-answer session.login session.login-accepted session.login-refused session.logout session.presence-answer " +
            "session.publish-status session.record session.relay-buddy-message session.remove-buddy session.send-buddy-message session.update-names " +
            "session.verified session.verify",
            string.Join(' ', names));
        Assert.Equal("Offline=1 NotMutual=2 OtherGame=3", string.Join(' ', Enum.GetValues<BounceReason>().Select(r => $"{r}={(int)r}")));
    }

    private static IReadOnlyList<object> SampleMessages(IActorRef connection)
    {
        var presence = new SessionPresence(3, "/VER=3", "AAAA");
        return
        [
            new SessionLogin(Me, connection, Key, Identity()),
            new SessionLogout(Me, Key, "bye"),
            new PublishStatus(Me, Key, presence),
            new AddBuddy(Me, Key, Friend),
            new AuthorizeBuddy(Me, Key, Friend),
            new RemoveBuddy(Me, Key, Friend),
            new SendBuddyMessage(Me, Key, Friend, 1, "GPCM90vMAT\u0004", 90),
            new UpdateNames(Me, Key, "Wii:6168191425252890@RMCJ", null),
            new KickSession(Me, 7, "rude"),
            new GetPresence(Me),
            new GetSessionRecord(Me),
            new SessionRecord(Me, false, true, presence, "mariokartwii", [Friend], [Friend]),
            new VerifySession(Me, Key, "mariokartwii"),
            new SessionLoginAccepted(Me, Key, [Friend]),
            new SessionLoginRefused(Me, 4, "database"),
            new KickAnswer(Me, true),
            new PresenceAnswer(Me, true, presence, "mariokartwii"),
            new SessionVerified(Me, true, "RMCJ2leohni"),
            new FriendPresence(Friend, Me, presence, "mariokartwii", true, false),
            new FriendOffline(Friend, Me),
            new FriendshipAuthorized(Friend, Me, presence, "mariokartwii"),
            new FriendshipRevoked(Friend, Me),
            new RelayBuddyMessage(Friend, Me, 1, "GPCM90vMAT\u0004", 90, "mariokartwii"),
            new BuddyMessageBounced(Me, Friend, 1, 90, BounceReason.OtherGame),
            new BuddyMessageDelivery(100, Friend, "|s|1", 5),
            new ConsoleDelivery([new BuddyMessageDelivery(4, Friend, "")]),
            new ConsoleError(2305, "not a buddy"),
            new ConsoleKick(6, "another login"),
            new LoggedIn(connection, Key, Identity(), [Friend], [Friend]),
            new LoggedOut("bye"),
            new PresenceChanged(presence),
            new FriendAdded(Friend, true),
            new FriendRemoved(Friend),
            new FriendshipGranted(Friend),
            new FriendshipWithdrawn(Friend),
            new StatusReceived(Friend),
            new SessionResumed(connection),
        ];
    }
}
