namespace Wiimmfi.Actors.NatNeg;

/// <summary>The timing rules of every negotiation on a node (immutable; built once from <c>wiimmfi.natneg</c>).</summary>
public sealed record NatNegSessionSettings
{
    /// <summary>
    /// How long a negotiation may wait for both consoles to be paired and to acknowledge their CONNECT.
    /// <value>30 s</value> as WiiLink; a console waits 60 s for CONNECT after its INITs were acknowledged.
    /// </summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval between CONNECT retransmissions to a console that has not acknowledged. <value>500 ms</value> as WiiLink.</summary>
    public TimeSpan ConnectRetryInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Most CONNECTs sent to one console, the first included. <value>10</value>: five seconds of retries;
    /// a console that has not answered by then has left, and more would only feed a dead address.
    /// </summary>
    public int MaxConnectSends { get; init; } = 10;

    /// <summary>
    /// How long a connected negotiation waits for the consoles' REPORTs. <value>15 s</value>: a console
    /// pings for at most 7 × 700 ms and then retries its REPORT 4 × 500 ms (SDK v3), about 7 s.
    /// </summary>
    public TimeSpan ReportWait { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        if (SessionTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SessionTimeout), "must be positive");
        if (ConnectRetryInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ConnectRetryInterval), "must be positive");
        if (ReportWait <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ReportWait), "must be positive");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnectSends, 1);
    }
}
