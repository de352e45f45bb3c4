namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// What the matchmaking services count (MASTER and MS): traffic, table changes, refusals. The names are metric
/// labels operators build dashboards on: append only, never renumber or rename.
/// </summary>
public enum MatchmakingCounter
{
    /// <summary>QR2 datagrams the front-end looked at.</summary>
    Qr2Datagrams = 0,
    /// <summary>Heartbeats that reached a table.</summary>
    Qr2Heartbeats = 1,
    /// <summary>Heartbeats that changed nothing but the host's liveness (most of them byte-identical to the previous
    /// one, which the table recognises without parsing).</summary>
    Qr2HeartbeatsUnchanged = 2,
    /// <summary>Heartbeats (or keep-alives) that changed a host's record.</summary>
    Qr2RecordsChanged = 3,
    /// <summary>New hosts (or hosts that restarted QR2) challenged.</summary>
    Qr2HostsRegistered = 4,
    /// <summary>CHALLENGE packets sent (first sends and repeats).</summary>
    Qr2ChallengesSent = 5,
    /// <summary>Wrong challenge responses (the host stays unlisted).</summary>
    Qr2ChallengeFailures = 6,
    /// <summary>Hosts that answered their challenge correctly.</summary>
    Qr2HostsAuthenticated = 7,
    /// <summary>Hosts removed because they went silent.</summary>
    Qr2HostsExpired = 8,
    /// <summary>Hosts removed by their shutdown heartbeat.</summary>
    Qr2HostsShutDown = 9,
    /// <summary>Hosts replaced by a newer registration of the same profile from the same IP.</summary>
    Qr2HostsReplaced = 10,
    /// <summary>Keep-alives (and echo responses) from known hosts.</summary>
    Qr2KeepAlives = 11,
    /// <summary>Availability checks answered.</summary>
    Qr2AvailabilityChecks = 12,
    /// <summary>Datagrams refused by the codec (too short, too long, over a bound, truncated, malformed).</summary>
    Qr2MalformedDatagrams = 13,
    /// <summary>Datagrams of a type no console sends to MASTER.</summary>
    Qr2UnsupportedTypes = 14,
    /// <summary>Heartbeats or checks for a game that is unknown, disabled or has no secret key.</summary>
    Qr2UnknownGames = 15,
    /// <summary>Keep-alives, responses and acknowledgements from an address that has no host.</summary>
    Qr2UnknownHosts = 16,
    /// <summary>First heartbeats dropped because the game's table (or its share of unauthenticated hosts) is full.</summary>
    Qr2TableFull = 17,
    /// <summary>Heartbeat keys stored unshared because the table's pool of key names is full (junk names).</summary>
    Qr2KeyNamesNotPooled = 18,
    /// <summary>Packets whose instance key is not the host's current one.</summary>
    Qr2StaleInstanceKeys = 19,
    /// <summary>Client messages the server browser asked to relay.</summary>
    RelaysRequested = 20,
    /// <summary>Relayed client messages the host acknowledged.</summary>
    RelaysDelivered = 21,
    /// <summary>Relayed client messages given up after the last retry (or dropped with their host).</summary>
    RelaysFailed = 22,
    /// <summary>Relay requests refused (invalid data, unknown or unlisted target or sender, full queue).</summary>
    RelaysRefused = 23,
    /// <summary>CLIENT_MESSAGE packets sent, retries included.</summary>
    Qr2ClientMessagesSent = 24,
    /// <summary>Server-list requests answered.</summary>
    MsListRequests = 25,
    /// <summary>Filters refused (syntax, bounds): answered with an empty list.</summary>
    MsFilterErrors = 26,
    /// <summary>SEND_MESSAGE requests received.</summary>
    MsSendMessages = 27,
    /// <summary>SERVER_INFO requests received.</summary>
    MsServerInfoRequests = 28,
    /// <summary>Requests refused by the codec (framing, truncated, over a bound) or of an unsupported type.</summary>
    MsMalformedRequests = 29,
    /// <summary>Requests naming a game that is unknown, disabled or has no secret key.</summary>
    MsUnknownGames = 30,
    /// <summary>Table queries that did not answer in time (answered with an empty list).</summary>
    MsQueryTimeouts = 31,
    /// <summary>KEEPALIVE messages sent on idle connections.</summary>
    MsKeepAlivesSent = 32,
    /// <summary>Connections closed because the client sent nothing for the idle timeout.</summary>
    MsIdleClosed = 33,

    /// <summary>Hosts a table brought back from the journal when it started again (restart, crash, smart restart).</summary>
    Qr2HostsRecovered = 34,
}
