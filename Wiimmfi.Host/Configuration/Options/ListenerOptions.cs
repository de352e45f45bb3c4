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
}

/// <summary><c>wiimmfi.ms</c> (server browser, TCP).</summary>
public sealed record ServerBrowserOptions() : ListenerOptions(28910);

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
}
