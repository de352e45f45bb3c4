using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// A matchmaking table's durable state as a snapshot: every host record (pending ones included), nothing derived.
/// <see cref="TableState"/> itself is keyed by address, which JSON cannot key a map by, hence this flat form.
/// The wire name is frozen.
/// </summary>
[WireName("matchmaking.table-snapshot")]
public sealed record TableSnapshot(string GameName, IReadOnlyList<HostRecord> Hosts)
{
    public static TableSnapshot Of(TableState state) => new(state.GameName, [.. state.Hosts.Values]);

    public TableState ToState()
    {
        var state = TableState.Empty(GameName);
        var pending = 0;
        var builder = state.Hosts.ToBuilder();
        foreach (var host in Hosts)
        {
            builder[host.Address] = host;
            if (!host.Authenticated) pending++;
        }
        return state with { Hosts = builder.ToImmutable(), PendingCount = pending };
    }
}
