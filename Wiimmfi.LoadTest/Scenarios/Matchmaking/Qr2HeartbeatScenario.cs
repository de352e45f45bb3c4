using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Matchmaking;

/// <summary>
/// <c>qr2-heartbeats</c> and <c>qr2-updates</c>: how many heartbeats MASTER absorbs. Before the load a fleet of
/// consoles registers (<see cref="Qr2HostFleet"/>, 10,000 by default, each on its own socket, challenge answered);
/// each <c>heartbeats</c> step then sends the periodic heartbeat of the next consoles in turn (100 by default), so
/// <c>--rate 1000</c> offers 100,000 heartbeats a second spread over the whole table. <c>qr2-heartbeats</c> sends the
/// same bytes each console sent last time — a table's common case, absorbed without parsing; <c>qr2-updates</c>
/// changes each console's room size every time — every heartbeat is parsed and changes a record.
/// </summary>
/// <remarks>
/// A periodic heartbeat has no answer, so the step measures only the sending; what the node absorbed is in its
/// counters (<c>GET /matchmaking</c>: <c>qr2_heartbeats</c>, and the datagram counters of <c>GET /node/metrics</c>),
/// which the figure script reads (docs/performance.md, "Matchmaking"). The sender rate is an upper bound.
/// </remarks>
public sealed class Qr2HeartbeatScenario(bool changeRecords, MatchmakingLoadSettings? settings = null) : ILoadScenario
{
    public const string UnchangedName = "qr2-heartbeats";
    public const string ChangedName = "qr2-updates";
    public const string StepName = "heartbeats";
    public const string PortName = "master";
    public const int DefaultMasterPort = 27900;

    /// <summary>The fleet's consoles report <c>dwc_pid</c> from here on (clear of the MS searchers' pids).</summary>
    public const uint FirstProfileId = 600_000_000;

    public string Name => changeRecords ? ChangedName : UnchangedName;

    public string Description => changeRecords
        ? $"QR2 heartbeats that each change the console's record (numplayers), from a registered fleet; {MatchmakingLoadSettings.HostsVariable} consoles (10,000), {MatchmakingLoadSettings.BatchVariable} per step (100)."
        : $"Periodic QR2 heartbeats (unchanged) from a registered fleet; {MatchmakingLoadSettings.HostsVariable} consoles (10,000), {MatchmakingLoadSettings.BatchVariable} per step (100).";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int> { [PortName] = DefaultMasterPort };

    public async ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken)
    {
        var sizes = settings ?? MatchmakingLoadSettings.FromEnvironment();
        var fleet = await Qr2HostFleet.RegisterAsync(target.Endpoint(PortName, DefaultMasterPort), sizes.Hosts, target.SourceAddresses,
            FirstProfileId, seed: 1, cancellationToken).ConfigureAwait(false);
        return new PreparedScenario(Create(fleet, sizes.HeartbeatsPerStep, changeRecords), fleet);
    }

    /// <summary>The scenario over a registered fleet: each step sends <paramref name="heartbeatsPerStep"/> heartbeats.</summary>
    public static Scenario Create(Qr2HostFleet fleet, int heartbeatsPerStep, bool changeRecords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(heartbeatsPerStep, 1);
        return Scenario.Create(changeRecords ? ChangedName : UnchangedName, Step.Create(StepName,
            _ => ValueTask.FromResult(Response.Ok(bytesOut: fleet.SendHeartbeats(heartbeatsPerStep, changeRecords)))));
    }
}
