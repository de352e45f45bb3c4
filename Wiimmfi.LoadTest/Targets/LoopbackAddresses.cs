using System.Net;
using System.Net.Sockets;

namespace Wiimmfi.LoadTest.Targets;

/// <summary>
/// The loopback rule in one place: an address is accepted only when it is in 127.0.0.0/8 or is ::1 (an IPv4-mapped
/// ::ffff:127.x.y.z counts as its IPv4 form). Names are not resolved — DNS could answer anything — so the only name
/// accepted is <c>localhost</c>, read as 127.0.0.1.
/// </summary>
public static class LoopbackAddresses
{
    public static bool IsLoopback(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => address.GetAddressBytes()[0] == 127,
            AddressFamily.InterNetworkV6 => address.Equals(IPAddress.IPv6Loopback),
            _ => false,
        };
    }

    /// <summary>Returns <paramref name="address"/> when it is loopback; otherwise throws <see cref="NonLoopbackTargetException"/>.</summary>
    public static IPAddress Require(IPAddress address) =>
        IsLoopback(address) ? address : throw new NonLoopbackTargetException(address.ToString());

    public static IPEndPoint Require(IPEndPoint endpoint)
    {
        Require(endpoint.Address);
        return endpoint;
    }

    /// <summary>Parses an IP literal (or <c>localhost</c>) and applies the loopback rule.</summary>
    public static IPAddress Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (trimmed.StartsWith('[') && trimmed.EndsWith(']')) trimmed = trimmed[1..^1];
        if (!IPAddress.TryParse(trimmed, out var address)) throw new NonLoopbackTargetException(text);
        return Require(address);
    }
}
