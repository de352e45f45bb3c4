namespace Wiimmfi.Host.Restart;

/// <summary>
/// Milliseconds from the start of the switch to the end of each step: UDP stopped, TCP connections taken, actors
/// quiet (and the journal fenced), everything sent to the successor, successor ready.
/// </summary>
public sealed record SwitchPhases(double UdpCaptured, double TcpCaptured, double Quiet, double Sent, double Ready);
