using System.Diagnostics.Metrics;

namespace Wiimmfi.Host.Modules.Nas;

/// <summary>Counters of the NAS service, on the <c>Wiimmfi.Nas</c> meter and as plain numbers for the management API.</summary>
public sealed class NasMetrics
{
    private static readonly Meter NasMeter = new("Wiimmfi.Nas");
    private static readonly Counter<long> RequestsInstrument = NasMeter.CreateCounter<long>("wiimmfi.nas.requests");
    private static readonly Counter<long> RefusedInstrument = NasMeter.CreateCounter<long>("wiimmfi.nas.refused");
    private static readonly Counter<long> BadInputInstrument = NasMeter.CreateCounter<long>("wiimmfi.nas.bad_input");

    private long _logins;
    private long _accountsCreated;
    private long _serviceLocations;
    private long _profanityChecks;
    private long _banned;
    private long _maintenance;
    private long _disabledGame;
    private long _badForms;
    private long _badLogins;
    private long _unknownActions;
    private long _oversizedBodies;
    private long _wrongHost;
    private long _duplicateHostHeaders;
    private long _serverErrors;
    private long _tokensPurged;

    /// <summary>Logins answered with a token (001 or 040).</summary>
    public long Logins => Interlocked.Read(ref _logins);

    /// <summary><c>acctcreate</c> answered with a user id (002).</summary>
    public long AccountsCreated => Interlocked.Read(ref _accountsCreated);

    /// <summary><c>svcloc</c> answered (007).</summary>
    public long ServiceLocations => Interlocked.Read(ref _serviceLocations);

    /// <summary><c>/pr</c> answered.</summary>
    public long ProfanityChecks => Interlocked.Read(ref _profanityChecks);

    /// <summary>Logins and account creations refused by a ban (3914, 3913).</summary>
    public long Banned => Interlocked.Read(ref _banned);

    /// <summary>Requests refused in maintenance mode (101).</summary>
    public long Maintenance => Interlocked.Read(ref _maintenance);

    /// <summary>Requests for a disabled game (107).</summary>
    public long DisabledGame => Interlocked.Read(ref _disabledGame);

    /// <summary>Bodies that are not a valid NWC form (HTTP 400).</summary>
    public long BadForms => Interlocked.Read(ref _badForms);

    /// <summary>Logins with a missing or malformed field (103).</summary>
    public long BadLogins => Interlocked.Read(ref _badLogins);

    /// <summary>Missing or unknown <c>action</c> (HTTP 400 or 109).</summary>
    public long UnknownActions => Interlocked.Read(ref _unknownActions);

    /// <summary>Bodies over the NAS bound (HTTP 400).</summary>
    public long OversizedBodies => Interlocked.Read(ref _oversizedBodies);

    /// <summary>NAS paths asked of a host that is not a NAS host (HTTP 404).</summary>
    public long WrongHost => Interlocked.Read(ref _wrongHost);

    /// <summary>Second (and later) Host headers removed before Kestrel saw them.</summary>
    public long DuplicateHostHeaders => Interlocked.Read(ref _duplicateHostHeaders);

    /// <summary>Requests that failed on the store (HTTP 500; nothing was half-written).</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>Expired tokens deleted by the periodic purge.</summary>
    public long TokensPurged => Interlocked.Read(ref _tokensPurged);

    internal void Login() => Served(ref _logins, "login");

    internal void AccountCreated() => Served(ref _accountsCreated, "acctcreate");

    internal void ServiceLocation() => Served(ref _serviceLocations, "svcloc");

    internal void ProfanityCheck() => Served(ref _profanityChecks, "pr");

    internal void Ban() => Refused(ref _banned, "banned");

    internal void InMaintenance() => Refused(ref _maintenance, "maintenance");

    internal void GameDisabled() => Refused(ref _disabledGame, "game_disabled");

    internal void BadForm() => Bad(ref _badForms, "bad_form");

    internal void BadLogin() => Bad(ref _badLogins, "bad_login");

    internal void UnknownAction() => Bad(ref _unknownActions, "unknown_action");

    internal void Oversized() => Bad(ref _oversizedBodies, "oversized");

    internal void NotNasHost() => Bad(ref _wrongHost, "wrong_host");

    internal void DuplicateHostHeader() => Bad(ref _duplicateHostHeaders, "duplicate_host");

    internal void ServerError() => Interlocked.Increment(ref _serverErrors);

    internal void Purged(int count) => Interlocked.Add(ref _tokensPurged, count);

    private static void Served(ref long field, string action)
    {
        Interlocked.Increment(ref field);
        RequestsInstrument.Add(1, new KeyValuePair<string, object?>("action", action));
    }

    private static void Refused(ref long field, string reason)
    {
        Interlocked.Increment(ref field);
        RefusedInstrument.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    private static void Bad(ref long field, string kind)
    {
        Interlocked.Increment(ref field);
        BadInputInstrument.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }
}
