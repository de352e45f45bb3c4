namespace Wiimmfi.Actors.Storage;

/// <summary>Consoles (Wii and DS) that talked to NAS, keyed by MAC address.</summary>
public interface IConsoleStore
{
    /// <summary>
    /// Records that the console was seen now: creates it (first seen = last seen = now) or updates
    /// last seen and every field the sighting carries. Returns the stored console.
    /// </summary>
    Task<ConsoleRecord> RecordSightingAsync(ConsoleSighting sighting, CancellationToken cancellationToken = default);

    /// <summary>The console with this MAC address, or null.</summary>
    Task<ConsoleRecord?> GetAsync(string mac, CancellationToken cancellationToken = default);

    /// <summary>Consoles that reported this NG id (a reinstalled or cloned console can have several MACs).</summary>
    Task<IReadOnlyList<ConsoleRecord>> FindByNgIdAsync(uint ngId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the console's flags; false when no such console is stored.</summary>
    Task<bool> SetFlagsAsync(string mac, ConsoleFlags flags, CancellationToken cancellationToken = default);
}
