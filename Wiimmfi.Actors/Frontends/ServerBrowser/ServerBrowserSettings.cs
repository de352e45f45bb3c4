namespace Wiimmfi.Actors.Frontends.ServerBrowser;

/// <summary>How MS connections behave (bound by the host from <c>wiimmfi.ms</c>).</summary>
public sealed record ServerBrowserSettings
{
    /// <summary>After the list, send a KEEPALIVE when the connection has been quiet this long; the console echoes
    /// it. <value>30 s</value></summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Close a connection on which the client sent nothing (not even a keep-alive echo) for this long.
    /// <value>90 s</value></summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a list or server-info request waits for the game's table before it is answered with an
    /// empty list. <value>5 s</value></summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
