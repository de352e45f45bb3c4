namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// Where an actor system lives: its name and, once it is reachable from other nodes, the host and
/// port of its node-to-node transport. Printed <c>wiimmfi://name@host:port</c> (or <c>wiimmfi://name</c>
/// when the system is local-only). Every <see cref="ActorPath"/> carries one, so a reference that is
/// serialized and sent to another node still says which node its actor lives on.
/// </summary>
public sealed record Address(string System, string? Host = null, int? Port = null)
{
    /// <summary>The scheme of every actor path of this runtime.</summary>
    public const string Scheme = "wiimmfi";

    /// <summary>True when the address names no host: the system is reachable only in-process.</summary>
    public bool IsLocalOnly => Host is null;

    public override string ToString() =>
        Host is null ? $"{Scheme}://{System}"
        : Port is null ? $"{Scheme}://{System}@{Host}"
        : $"{Scheme}://{System}@{Host}:{Port}";

    /// <summary>
    /// Parses the address at the start of <paramref name="text"/> (<c>wiimmfi://sys[@host[:port]]</c>) and
    /// returns how many characters it used, or 0 when the text does not start with an address.
    /// </summary>
    public static int TryParsePrefix(ReadOnlySpan<char> text, out Address? address)
    {
        address = null;
        const string prefix = Scheme + "://";
        if (!text.StartsWith(prefix, StringComparison.Ordinal)) return 0;
        var rest = text[prefix.Length..];
        var end = rest.IndexOf('/');
        if (end < 0) end = rest.IndexOf('#') is var h && h >= 0 ? h : rest.Length;
        var authority = rest[..end];
        if (authority.IsEmpty) return 0;
        var at = authority.IndexOf('@');
        if (at < 0)
        {
            address = new Address(authority.ToString());
            return prefix.Length + end;
        }
        var system = authority[..at];
        var hostPort = authority[(at + 1)..];
        if (system.IsEmpty || hostPort.IsEmpty) return 0;
        int? port = null;
        var colon = hostPort.LastIndexOf(':');
        // An IPv6 host is written in brackets, so a colon inside them is not the port separator.
        if (colon > 0 && hostPort.LastIndexOf(']') < colon)
        {
            if (!int.TryParse(hostPort[(colon + 1)..], out var p) || p is < 0 or > 65535) return 0;
            port = p;
            hostPort = hostPort[..colon];
        }
        address = new Address(system.ToString(), hostPort.ToString(), port);
        return prefix.Length + end;
    }
}
