using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// Where a reporting console is: the public IPv4 and UDP port its QR2 packets come from. This — the observed
/// source, never what the console claims in <c>publicip</c> — identifies a host in a matchmaking table, is where
/// every QR2 reply goes, and is the address the server browser lists.
/// </summary>
/// <param name="Ip">IPv4 as a big-endian u32 (first octet in the high byte), as the codecs use it.</param>
/// <param name="Port">UDP port.</param>
public readonly record struct HostAddress(uint Ip, ushort Port)
{
    /// <summary>Reads an IPv4 endpoint (an IPv4-mapped IPv6 one too); false for real IPv6 sources.</summary>
    public static bool TryFrom(IPEndPoint endpoint, out HostAddress address)
    {
        var ip = endpoint.Address;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        Span<byte> bytes = stackalloc byte[4];
        if (ip.AddressFamily != AddressFamily.InterNetwork || !ip.TryWriteBytes(bytes, out _))
        {
            address = default;
            return false;
        }
        address = new HostAddress(BinaryPrimitives.ReadUInt32BigEndian(bytes), (ushort)endpoint.Port);
        return true;
    }

    /// <summary>The endpoint to send to.</summary>
    public IPEndPoint ToEndPoint() => new(IpToAddress(Ip), Port);

    /// <summary>A big-endian u32 IPv4 as an <see cref="IPAddress"/>.</summary>
    public static IPAddress IpToAddress(uint ip)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, ip);
        return new IPAddress(bytes);
    }

    /// <summary>Dotted text of a big-endian u32 IPv4.</summary>
    public static string FormatIp(uint ip) => string.Create(CultureInfo.InvariantCulture,
        $"{ip >> 24}.{(ip >> 16) & 0xFF}.{(ip >> 8) & 0xFF}.{ip & 0xFF}");

    /// <summary>Parses dotted IPv4 text (a heartbeat's <c>localip0</c>) into a big-endian u32; false otherwise.</summary>
    public static bool TryParseIp(ReadOnlySpan<char> text, out uint ip)
    {
        ip = 0;
        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
            return false;
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        ip = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FormatIp(Ip)}:{Port}");
}
