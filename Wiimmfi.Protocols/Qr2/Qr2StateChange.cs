namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// The heartbeat's <c>statechanged</c> key: why the console sent this heartbeat. Frozen wire values.
/// </summary>
public enum Qr2StateChange
{
    /// <summary>Absent or <c>0</c>: periodic heartbeat (every 60 s). Also used for values the SDK never sends.</summary>
    Periodic = 0,
    /// <summary><c>1</c>: the game called "state changed" (at most every 10 s).</summary>
    Changed = 1,
    /// <summary><c>2</c>: QR2 shut down; delete the server from the table, send nothing.</summary>
    Shutdown = 2,
    /// <summary><c>3</c>: initial heartbeat before the master answered; create the entry and challenge it.</summary>
    Initial = 3,
}
