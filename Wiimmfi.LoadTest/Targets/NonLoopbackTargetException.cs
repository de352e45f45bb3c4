namespace Wiimmfi.LoadTest.Targets;

/// <summary>
/// Thrown before anything is sent when a run is pointed at an address outside this machine. The load tool is for
/// measuring our own node on loopback; it must never become a traffic generator aimed at someone else's host.
/// </summary>
public sealed class NonLoopbackTargetException(string address)
    : Exception($"refused: '{address}' is not a loopback address; the load tool only targets 127.0.0.0/8 or ::1")
{
    public string Address { get; } = address;
}
