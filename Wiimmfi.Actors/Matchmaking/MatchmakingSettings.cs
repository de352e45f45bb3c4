namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// How the matchmaking tables behave (bound by the host from <c>wiimmfi.master</c> and <c>wiimmfi.ms</c>).
/// </summary>
public sealed record MatchmakingSettings
{
    /// <summary>A listed host that sends nothing for this long is removed (consoles send a keep-alive every 20 s
    /// and a heartbeat every 60 s). <value>60 s</value></summary>
    public TimeSpan ServerExpiry { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A host that has not answered its challenge is removed after this long without a packet.
    /// <value>30 s</value> (a console repeats its first heartbeat every 10 s).</summary>
    public TimeSpan ChallengeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Check challenge responses against the game's secret key. Off lists every host that answers at
    /// all (what WiiLink does), for a title whose responses misbehave. <value>on</value></summary>
    public bool VerifyChallengeResponses { get; init; } = true;

    /// <summary>Most hosts one game's table holds; heartbeats of further new hosts are dropped.
    /// <value>50,000</value> (about 100 MB at the 2 KB per host the table is designed for).</summary>
    public int MaxHostsPerGame { get; init; } = 50_000;

    /// <summary>How long a relayed client message waits for the host's acknowledgement before it is sent
    /// again. <value>1 s</value> (WiiLink's interval).</summary>
    public TimeSpan RelayRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Sends of one client message (the first and the retries) before the relay gives up.
    /// <value>10</value></summary>
    public int RelayMaxAttempts { get; init; } = 10;

    /// <summary>Client messages waiting for one host behind the one in flight; more are refused.
    /// <value>16</value> (a DWC match exchanges a handful per peer).</summary>
    public int RelayQueueLength { get; init; } = 16;

    /// <summary>Most hosts one list query returns, whatever the console asks. <value>100</value> (DWC asks for 6;
    /// the bound keeps a reply far below the connection's unsent-bytes limit).</summary>
    public int MaxResults { get; init; } = 100;

    /// <summary>Mario Kart Wii search rewrites (<see cref="Protocols.Mkw.MkwFilterPolicy"/>); literal by default.</summary>
    public Protocols.Mkw.MkwFilterPolicy MarioKartFilterPolicy { get; init; } = Protocols.Mkw.MkwFilterPolicy.Literal;

    /// <summary>An empty table stops (its next message starts it again) after this long.
    /// <value>2 min</value></summary>
    public TimeSpan EmptyTableLinger { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the table looks for silent hosts: an eighth of the shorter timeout, between 100 ms and
    /// 5 s, so a host disappears at most an eighth late.</summary>
    public TimeSpan SweepInterval
    {
        get
        {
            var shortest = ServerExpiry < ChallengeTimeout ? ServerExpiry : ChallengeTimeout;
            var interval = shortest / 8;
            return interval < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100)
                : interval > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : interval;
        }
    }
}
