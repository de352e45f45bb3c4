using System.Net;
using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Node;

/// <summary>
/// Where the node listens and keeps its data. Bound once from the <c>wiimmfi</c> configuration
/// section (hocon/wiimmfi.conf documents every key and default); nothing reads configuration later.
/// </summary>
public sealed class NodeOptions
{
    public const string SectionName = "wiimmfi";

    public NodeIdentityOptions Node { get; set; } = new();

    /// <summary>Folder for the embedded database and other local files, relative to the working directory.</summary>
    [ConfigurationKeyName("data-folder")]
    public string DataFolder { get; set; } = "data";

    public ListenerOptions Nas { get; set; } = new() { Port = 80 };
    public ListenerOptions Gpcm { get; set; } = new() { Port = 29900 };
    public ListenerOptions Gpsp { get; set; } = new() { Port = 29901 };
    public ListenerOptions Master { get; set; } = new() { Port = 27900 };
    public ListenerOptions Ms { get; set; } = new() { Port = 28910 };
    public ListenerOptions Management { get; set; } = new() { Bind = "127.0.0.1", Port = 8558 };
}

public sealed class NodeIdentityOptions
{
    /// <summary>Name of this node; also the actor system's name.</summary>
    public string Name { get; set; } = "wiimmfi";
}

/// <summary>One listening socket: address, port (0 = any free port, for tests) and whether it is on.</summary>
public sealed class ListenerOptions
{
    public bool Enabled { get; set; } = true;
    public string Bind { get; set; } = "0.0.0.0";
    public int Port { get; set; }

    public IPEndPoint ToEndPoint() => new(IPAddress.Parse(Bind), Port);
}
