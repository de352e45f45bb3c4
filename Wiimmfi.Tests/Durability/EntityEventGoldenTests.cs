using System.Collections.Immutable;
using System.Text;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Protocols.NatNeg;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Durability;

/// <summary>
/// Events and snapshots of the persistent entities as this build stores them. Never edit a golden: it stands for rows
/// in real journals, which every later build must read (docs/architecture.md, "Stored format and how events evolve").
/// Events that hold an actor reference are left out (the reference names a process-specific actor id).
/// </summary>
public sealed class EntityEventGoldenTests : IDisposable
{
    private static readonly HostAddress Address = new(0x5516_824C, 50001);
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    public static TheoryData<string, string> Goldens() => new()
    {
        { "session.event.presence-changed", """{"presence":{"status":3,"statString":"/VER=3","locString":"AAAA"}}""" },
        { "session.event.logged-out", """{"reason":"logout"}""" },
        { "session.event.friend-added", """{"friend":1000000002,"mutual":true}""" },
        { "session.event.status-received", """{"from":1000000002}""" },
        { "matchmaking.host-updated", """{"instanceKey":7,"keys":[{"key":"dwc_pid","value":"1001"},{"key":"ev","value":"6100"}],"players":null,"teams":null,"address":{"ip":1427538508,"port":50001}}""" },
        { "matchmaking.host-authenticated", """{"address":{"ip":1427538508,"port":50001}}""" },
        { "matchmaking.host-removed", """{"reason":"Expired","address":{"ip":1427538508,"port":50001}}""" },
        { "matchmaking.table-snapshot", """{"gameName":"mariokartwii","hosts":[{"address":{"ip":1427538508,"port":50001},"instanceKey":7,"authenticated":true,"challenge":null,"keys":[{"key":"dwc_pid","value":"1001"}],"players":null,"teams":null}]}""" },
        { "natneg.event.opened", """{"version":3,"gameName":"mariokartwii","openedAtMs":1700000000000,"deadlineMs":1700000060000}""" },
        { "natneg.event.connects-sent", """{"atMs":1700000001000}""" },
        { "natneg.event.report-recorded", """{"clientIndex":1,"succeeded":true,"natTypeRaw":2,"mappingSchemeRaw":1}""" },
        { "natneg.event.closed", """{"reason":"Completed"}""" },
    };

    private static readonly Dictionary<string, object> Current = new()
    {
        ["session.event.presence-changed"] = new PresenceChanged(new SessionPresence(3, "/VER=3", "AAAA")),
        ["session.event.logged-out"] = new LoggedOut("logout"),
        ["session.event.friend-added"] = new FriendAdded(1_000_000_002, Mutual: true),
        ["session.event.status-received"] = new StatusReceived(1_000_000_002),
        ["matchmaking.host-updated"] = new HostUpdated(Address, 7, [new("dwc_pid", "1001"), new("ev", "6100")], null, null),
        ["matchmaking.host-authenticated"] = new HostAuthenticated(Address),
        ["matchmaking.host-removed"] = new HostRemoved(Address, HostRemovalReason.Expired),
        ["matchmaking.table-snapshot"] = new TableSnapshot("mariokartwii", [new HostRecord(Address, 7, true, null, [new("dwc_pid", "1001")], null, null)]),
        ["natneg.event.opened"] = new NatNegOpened(3, "mariokartwii", 1_700_000_000_000, 1_700_000_060_000),
        ["natneg.event.connects-sent"] = new NatNegConnectsSent(1_700_000_001_000),
        ["natneg.event.report-recorded"] = new NatNegReportRecorded(1, true, 2, 1),
        ["natneg.event.closed"] = new NatNegClosed(NatNegCloseReason.Completed),
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void A_stored_entity_event_reads_as_the_same_value_and_is_written_the_same_way(string manifest, string golden)
    {
        var serializer = new EventSerializer(MessageSerializer.Create(_kit.System));
        var expected = Current[manifest];

        var read = serializer.Deserialize(manifest, Encoding.UTF8.GetBytes(golden));
        var written = serializer.Serialize(expected);

        Assert.Equal(manifest, written.Manifest);
        Assert.Equal(golden, Encoding.UTF8.GetString(written.Payload));
        // Records with lists compare by reference: compare what they write instead.
        Assert.Equal(golden, Encoding.UTF8.GetString(serializer.Serialize(read).Payload));
        Assert.IsType(expected.GetType(), read);
    }
}
