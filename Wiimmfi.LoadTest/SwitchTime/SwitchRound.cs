namespace Wiimmfi.LoadTest.SwitchTime;

/// <summary>
/// One smart restart as the node and the consoles saw it.
/// </summary>
/// <param name="OldPid">The process that served before.</param>
/// <param name="NewPid">The process that served after (must differ).</param>
/// <param name="Succeeded">The node said the switch succeeded.</param>
/// <param name="Error">Why not, if it did not.</param>
/// <param name="NodeSwitchMs">The node's own measure: from stopping input to the successor's "ready".</param>
/// <param name="NodePhases">The node's step times (UDP captured, TCP captured, quiet, sent, ready), ms from the start.</param>
/// <param name="ConnectionsCarried">TCP connections the successor adopted.</param>
/// <param name="LongestGapMs">Across the probes, the longest gap between two answers (the switch as a console sees it).</param>
/// <param name="MedianLongestGapMs">The median over probes of each probe's longest gap.</param>
/// <param name="NormalGapMs">A probe's median gap between answers (one round trip when nothing happens).</param>
/// <param name="ProbeFailures">Probes whose requests failed (a lost connection or an error answer).</param>
/// <param name="IdleClosed">Idle consoles whose connection was closed after the switch.</param>
/// <param name="IdleAnswered">Idle consoles that got an answer to getprofile from the new process.</param>
public sealed record SwitchRound(
    int OldPid,
    int NewPid,
    bool Succeeded,
    string? Error,
    double NodeSwitchMs,
    string NodePhases,
    int ConnectionsCarried,
    double LongestGapMs,
    double MedianLongestGapMs,
    double NormalGapMs,
    int ProbeFailures,
    int IdleClosed,
    int IdleAnswered);
