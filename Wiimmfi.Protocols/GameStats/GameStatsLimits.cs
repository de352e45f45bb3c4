namespace Wiimmfi.Protocols.GameStats;

/// <summary>Bounds on the TCP GameStats stream.</summary>
public sealed record GameStatsLimits
{
    /// <summary>
    /// Largest message (terminator included). WiiLink drops input beyond 0x4000 buffered bytes; the
    /// largest known message is a setpd with a few hundred bytes of data.
    /// </summary>
    public int MaxMessageBytes { get; init; } = 0x4000;

    /// <summary>Most key/value pairs in one message.</summary>
    public int MaxPairs { get; init; } = 64;

    public static GameStatsLimits Default { get; } = new();
}
