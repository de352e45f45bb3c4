namespace Wiimmfi.Actors.Matchmaking;

/// <summary>Why a host left a matchmaking table. Frozen numbers (they are stored in events): append only.</summary>
public enum HostRemovalReason
{
    /// <summary>The console sent its shutdown heartbeat (<c>statechanged=2</c>).</summary>
    Shutdown = 0,
    /// <summary>No packet from it within the expiry time (or the challenge timeout, while unauthenticated).</summary>
    Expired = 1,
    /// <summary>The same profile registered again from the same public IP (a new QR2 port): the old entry goes.</summary>
    Replaced = 2,
    /// <summary>Its address started reporting another game.</summary>
    MovedToAnotherGame = 3,
}
