using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Actors.Matchmaking;

// Silent hosts leave; an empty table stops.
public sealed partial class MatchmakingTable
{
    private readonly List<HostAddress> _expired = [];
    private long? _emptySince;

    /// <summary>
    /// Removes every host silent for longer than the expiry (the challenge timeout while unauthenticated). Queries
    /// also skip hosts past the expiry, so a host is never listed late even between sweeps.
    /// </summary>
    private void Sweep()
    {
        long now = _clock.GetTimestamp();
        long listedLimit = Ticks(_settings.ServerExpiry);
        long pendingLimit = Ticks(_settings.ChallengeTimeout);
        _fullWarned = false;
        foreach (var (address, session) in _sessions)
        {
            bool authenticated = _state.Find(address)?.Authenticated ?? false;
            if (now - session.LastSeen > (authenticated ? listedLimit : pendingLimit))
                _expired.Add(address);
        }
        foreach (var address in _expired)
            RemoveHost(address, HostRemovalReason.Expired);
        _expired.Clear();

        // With no hosts there is nothing to keep: stop after a while (the next message starts the table again).
        if (_state.Hosts.Count > 0)
        {
            _emptySince = null;
        }
        else if (_emptySince is not long since)
        {
            _emptySince = now;
        }
        else if (now - since >= Ticks(_settings.EmptyTableLinger))
        {
            _emptySince = null;
            PassivateAfterSnapshot();
        }
    }
}
