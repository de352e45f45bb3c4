using System.Collections.Immutable;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// The durable part of one game's matchmaking table: every host with its keys and authentication. Immutable;
/// the only way to change it is <see cref="Apply"/>, a pure function of the state and one event, so replaying a
/// table's events rebuilds it exactly. What is not here on purpose: when each host was last heard from, its
/// pending client messages and the search index — all derived or ephemeral, kept beside the state by
/// <see cref="MatchmakingTable"/>, and rebuilt (with a fresh grace period) after a restart.
/// </summary>
/// <param name="GameName">The game (the entity id).</param>
/// <param name="Hosts">Every host, by address.</param>
/// <param name="PendingCount">Hosts that have not answered their challenge yet (bounded separately, so a flood of
/// spoofed first heartbeats cannot crowd out real consoles).</param>
public sealed record TableState(string GameName, ImmutableDictionary<HostAddress, HostRecord> Hosts, int PendingCount)
{
    /// <summary>A table without hosts.</summary>
    public static TableState Empty(string gameName) => new(gameName, ImmutableDictionary<HostAddress, HostRecord>.Empty, 0);

    /// <summary>The host at <paramref name="address"/>, or null.</summary>
    public HostRecord? Find(HostAddress address) => Hosts.TryGetValue(address, out var host) ? host : null;

    /// <summary>The state after <paramref name="change"/>. Events about hosts that are not (or no longer) in the
    /// table leave it unchanged, so replaying a journal never fails.</summary>
    public TableState Apply(TableEvent change)
    {
        var existing = Find(change.Address);
        switch (change)
        {
            case HostRegistered registered:
                {
                    var host = new HostRecord(registered.Address, registered.InstanceKey, Authenticated: false,
                        registered.Challenge, registered.Keys, registered.Players, registered.Teams);
                    int pending = PendingCount + 1 - (existing is { Authenticated: false } ? 1 : 0);
                    return this with { Hosts = Hosts.SetItem(host.Address, host), PendingCount = pending };
                }
            case HostUpdated updated when existing is not null:
                return this with
                {
                    Hosts = Hosts.SetItem(existing.Address, existing with
                    {
                        InstanceKey = updated.InstanceKey,
                        Keys = updated.Keys,
                        Players = updated.Players,
                        Teams = updated.Teams,
                    }),
                };
            case HostAuthenticated when existing is { Authenticated: false }:
                return this with
                {
                    Hosts = Hosts.SetItem(existing.Address, existing with { Authenticated = true, Challenge = null }),
                    PendingCount = PendingCount - 1,
                };
            case HostInstanceKeyChanged changed when existing is not null:
                return this with { Hosts = Hosts.SetItem(existing.Address, existing with { InstanceKey = changed.InstanceKey }) };
            case HostRemoved when existing is not null:
                return this with
                {
                    Hosts = Hosts.Remove(existing.Address),
                    PendingCount = PendingCount - (existing.Authenticated ? 0 : 1),
                };
            default:
                return this;
        }
    }
}
