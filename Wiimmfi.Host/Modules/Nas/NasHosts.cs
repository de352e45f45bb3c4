using System.Net;

namespace Wiimmfi.Host.Modules.Nas;

/// <summary>
/// Which Host names NAS answers. A request belongs to NAS when the first label of its Host is
/// <c>nas</c> or <c>naswii</c> (WiiLink's rule), whatever the domain — so a DNS redirect of
/// <c>naswii.nintendowifi.net</c> and a patched game that asks another domain's <c>naswii.</c> both
/// work. The connection test answers on any <c>conntest.</c> host. A Host that is an IP address or
/// <c>localhost</c> (an operator reaching the node directly) counts as NAS for the NAS paths.
/// </summary>
public static class NasHosts
{
    /// <summary>True when <paramref name="host"/> (without port) is a NAS host.</summary>
    public static bool IsNasHost(string? host)
    {
        var name = FirstElement(host);
        return StartsWithLabel(name, "nas") || StartsWithLabel(name, "naswii") || IsDirect(name);
    }

    /// <summary>True when <paramref name="host"/> is a connection-test host (<c>conntest.nintendowifi.net</c> and the like).</summary>
    public static bool IsConnTestHost(string? host) => StartsWithLabel(FirstElement(host), "conntest");

    // "dls1.nintendowifi.net, dls1.nintendowifi.net" is how AltWFC saw some clients' Host: take the first.
    private static ReadOnlySpan<char> FirstElement(string? host)
    {
        if (host is null)
        {
            return default;
        }

        var span = host.AsSpan();
        var comma = span.IndexOf(',');
        return (comma < 0 ? span : span[..comma]).Trim();
    }

    private static bool StartsWithLabel(ReadOnlySpan<char> host, string label) =>
        host.Length > label.Length && host[label.Length] == '.' && host.StartsWith(label, StringComparison.OrdinalIgnoreCase);

    private static bool IsDirect(ReadOnlySpan<char> host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host.Trim("[]"), out _);
}
