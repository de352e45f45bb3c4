namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// The status bit field of the availability reply (<c>FE FD 09</c> + 4 bytes big-endian). Frozen wire values.
/// </summary>
[Flags]
public enum Qr2AvailabilityStatus : uint
{
    /// <summary>The service is available.</summary>
    Available = 0,
    /// <summary>Bit 0: the service was discontinued.</summary>
    Unavailable = 0x00000001,
    /// <summary>Bit 1: temporarily unavailable (maintenance).</summary>
    TemporarilyUnavailable = 0x00000002,
}
