namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Per-console flags, stored as a bit field. The bit values are frozen (stored in the database):
/// append new flags, never renumber.
/// </summary>
[Flags]
public enum ConsoleFlags : long
{
    None = 0,

    /// <summary>An operator approved this console (for a registration gate, NAS returncd 3921/3888).</summary>
    Registered = 1L << 0,

    /// <summary>The console asked to be registered and waits for an operator.</summary>
    RegistrationPending = 1L << 1,

    /// <summary>
    /// The console's NG id is publicly shared (e.g. Dolphin's default), so it identifies nobody:
    /// bans by NG id should not be applied to it.
    /// </summary>
    SharedNgId = 1L << 2,
}
