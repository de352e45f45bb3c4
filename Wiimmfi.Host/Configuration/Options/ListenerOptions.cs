using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Configuration;

/// <summary>The three settings every protocol listener has: <c>enabled</c>, <c>bind</c> and <c>port</c>.</summary>
public abstract record ListenerOptions
{
    protected ListenerOptions(int defaultPort, string defaultBind = "0.0.0.0")
    {
        Port = defaultPort;
        Bind = defaultBind;
    }

    /// <value>Default on.</value>
    public bool Enabled { get; init; } = true;

    /// <value>Default <c>0.0.0.0</c> (every IPv4 address); the management API defaults to <c>127.0.0.1</c>.</value>
    public string Bind { get; init; }

    public int Port { get; init; }
}

/// <summary><c>wiimmfi.nas</c>: the HTTP listener for NAS and the host-routed HTTP services.</summary>
public sealed record NasOptions() : ListenerOptions(80)
{
    /// <value>Default off.</value>
    public bool Maintenance { get; init; }

    /// <value>Default 10 min (WiiLink's token lifetime).</value>
    [ConfigurationKeyName("token-lifetime")]
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <value>Default 5 min.</value>
    [ConfigurationKeyName("token-purge-interval")]
    public TimeSpan TokenPurgeInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <value>Default none.</value>
    [ConfigurationKeyName("disabled-games")]
    public IReadOnlyList<string> DisabledGames { get; init; } = [];

    /// <value>Default empty (no word list).</value>
    [ConfigurationKeyName("profanity-file")]
    public string ProfanityFile { get; init; } = "";
}

/// <summary><c>wiimmfi.sake</c>, <c>.race</c>, <c>.gamestats</c>, <c>.dls1</c>: HTTP services on the NAS listener.</summary>
public sealed record HttpServiceOptions
{
    /// <value>Default on.</value>
    public bool Enabled { get; init; } = true;
}

/// <summary><c>wiimmfi.gpcm</c>.</summary>
public sealed record GpcmOptions() : ListenerOptions(29900)
{
    /// <value>Default 60 s.</value>
    [ConfigurationKeyName("keep-alive-interval")]
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <value>Default 5 min.</value>
    [ConfigurationKeyName("idle-timeout")]
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <value>Default 16 KiB (WiiLink's buffer limit).</value>
    [ConfigurationKeyName("max-message-size")]
    public ByteSize MaxMessageSize { get; init; } = ByteSize.FromKibibytes(16);
}

/// <summary><c>wiimmfi.gpsp</c>.</summary>
public sealed record GpspOptions() : ListenerOptions(29901)
{
    /// <value>Default 30 s.</value>
    [ConfigurationKeyName("idle-timeout")]
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary><c>wiimmfi.master</c> (QR2, UDP).</summary>
public sealed record MasterOptions() : ListenerOptions(27900)
{
    /// <value>Default 60 s.</value>
    [ConfigurationKeyName("server-expiry")]
    public TimeSpan ServerExpiry { get; init; } = TimeSpan.FromSeconds(60);

    /// <value>Default 30 s.</value>
    [ConfigurationKeyName("challenge-timeout")]
    public TimeSpan ChallengeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <value>Default on.</value>
    [ConfigurationKeyName("verify-challenge-responses")]
    public bool VerifyChallengeResponses { get; init; } = true;

    /// <value>Default 50 000.</value>
    [ConfigurationKeyName("max-servers-per-game")]
    public int MaxServersPerGame { get; init; } = 50_000;

    /// <value>Default 1 s.</value>
    [ConfigurationKeyName("relay-retry-interval")]
    public TimeSpan RelayRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <value>Default 10.</value>
    [ConfigurationKeyName("relay-max-attempts")]
    public int RelayMaxAttempts { get; init; } = 10;
}

/// <summary>Mario Kart Wii search rewrites the server browser may apply (<c>wiimmfi.ms.mariokart-filter-policy</c>).</summary>
public enum MarioKartFilterPolicyOption
{
    /// <summary>Filters mean exactly what the console sent.</summary>
    Literal = 0,

    /// <summary>WiiLink's: VR/BR terms ignored, retail regions merged with worldwide.</summary>
    WiiLink = 1,
}

/// <summary><c>wiimmfi.ms</c> (server browser, TCP).</summary>
public sealed record ServerBrowserOptions() : ListenerOptions(28910)
{
    /// <value>Default 100.</value>
    [ConfigurationKeyName("max-results")]
    public int MaxResults { get; init; } = 100;

    /// <value>Default 30 s.</value>
    [ConfigurationKeyName("keep-alive-interval")]
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <value>Default 90 s.</value>
    [ConfigurationKeyName("idle-timeout")]
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <value>Default <see cref="MarioKartFilterPolicyOption.Literal"/>.</value>
    [ConfigurationKeyName("mariokart-filter-policy")]
    public MarioKartFilterPolicyOption MarioKartFilterPolicy { get; init; } = MarioKartFilterPolicyOption.Literal;
}

/// <summary><c>wiimmfi.natneg</c> (UDP).</summary>
public sealed record NatNegOptions() : ListenerOptions(27901)
{
    /// <summary>Consoles resolve natneg1, natneg2 and natneg3: the main socket plus at most two more.</summary>
    public const int MaxSecondaryEndpoints = 2;

    /// <value>Default none.</value>
    [ConfigurationKeyName("secondary-endpoints")]
    public IReadOnlyList<string> SecondaryEndpoints { get; init; } = [];

    /// <value>Default 20 ms.</value>
    [ConfigurationKeyName("reply-delay")]
    public TimeSpan ReplyDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <value>Default 30 s.</value>
    [ConfigurationKeyName("session-timeout")]
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <value>Default 10 000.</value>
    [ConfigurationKeyName("max-open-negotiations")]
    public int MaxOpenNegotiations { get; init; } = 10_000;

    /// <value>Default 500 (Wiimmfi's queue size).</value>
    [ConfigurationKeyName("reply-queue-capacity")]
    public int ReplyQueueCapacity { get; init; } = 500;
}

/// <summary>Range checks of <c>wiimmfi.natneg</c> (kept beside the options they check).</summary>
internal static class NatNegOptionsValidation
{
    /// <summary>Longest reply delay: a CONNECT held longer would overlap its own retransmission (every 500 ms).</summary>
    public static readonly TimeSpan MaxReplyDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest session timeout: a console gives up waiting for CONNECT after 60 s; ten minutes is already generous.</summary>
    public static readonly TimeSpan MaxSessionTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Most open negotiations: each costs about 1–2 KB, so a million is ~2 GB, beyond any sensible node.</summary>
    public const int MaxOpenNegotiationsLimit = 1_000_000;

    /// <summary>Largest reply queue: it holds one reply delay's worth of replies; beyond this it is a typo.</summary>
    public const int MaxReplyQueueCapacity = 1_000_000;

    public static IEnumerable<string> Problems(this NatNegOptions natneg)
    {
        if (natneg.ReplyDelay < TimeSpan.Zero || natneg.ReplyDelay > MaxReplyDelay)
            yield return $"wiimmfi.natneg.reply-delay = {natneg.ReplyDelay.TotalMilliseconds}ms must be between 0 and {MaxReplyDelay.TotalMilliseconds}ms (CONNECT is retransmitted every 500 ms)";
        if (natneg.SessionTimeout <= TimeSpan.Zero || natneg.SessionTimeout > MaxSessionTimeout)
            yield return $"wiimmfi.natneg.session-timeout = {natneg.SessionTimeout} must be positive and at most {MaxSessionTimeout.TotalMinutes} minutes";
        if (natneg.MaxOpenNegotiations is < 1 or > MaxOpenNegotiationsLimit)
            yield return $"wiimmfi.natneg.max-open-negotiations = {natneg.MaxOpenNegotiations} must be between 1 and {MaxOpenNegotiationsLimit}";
        if (natneg.ReplyQueueCapacity is < 1 or > MaxReplyQueueCapacity)
            yield return $"wiimmfi.natneg.reply-queue-capacity = {natneg.ReplyQueueCapacity} must be between 1 and {MaxReplyQueueCapacity}";
        foreach (var endpoint in natneg.SecondaryEndpoints)
            if (!System.Net.IPEndPoint.TryParse(endpoint, out var parsed) || parsed.Port is < 0 or > 65535 || !endpoint.Contains(':', StringComparison.Ordinal))
                yield return $"wiimmfi.natneg.secondary-endpoints: '{endpoint}' is not an \"address:port\" (for example \"10.0.0.2:27901\")";
    }
}
