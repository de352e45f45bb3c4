using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// An IPv4 address and port as NATNEG carries them: four address bytes in network order
/// followed by a big-endian port. <see cref="Ip"/> holds the address as a big-endian number
/// (10.0.1.226 is 0x0A0001E2), so the struct is allocation-free and compares by value.
/// </summary>
public readonly record struct NatNegAddress(uint Ip, ushort Port)
{
    /// <summary>Size on the wire: 4 address bytes + 2 port bytes.</summary>
    public const int WireSize = 6;

    /// <summary>0.0.0.0:0, which a deadbeat CONNECT carries.</summary>
    public static NatNegAddress None => default;

    /// <summary>Reads the 6-byte form (address in network order, port big-endian).</summary>
    public static NatNegAddress Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt32BigEndian(source), BinaryPrimitives.ReadUInt16BigEndian(source[4..]));

    /// <summary>Writes the 6-byte form.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ip);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Port);
    }

    /// <summary>
    /// Converts a socket end point. IPv4-mapped IPv6 addresses (what a dual-stack socket reports)
    /// are unwrapped; a real IPv6 address cannot be expressed in NATNEG and is refused.
    /// </summary>
    public static NatNegAddress FromEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Address;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("NATNEG carries IPv4 addresses only.", nameof(endPoint));
        }
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return new NatNegAddress(BinaryPrimitives.ReadUInt32BigEndian(bytes), (ushort)endPoint.Port);
    }

    /// <summary>Converts to a socket end point.</summary>
    public IPEndPoint ToEndPoint()
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Ip);
        return new IPEndPoint(new IPAddress(bytes), Port);
    }

    /// <summary>"a.b.c.d" for the address alone.</summary>
    public string IpText => $"{Ip >> 24}.{(Ip >> 16) & 0xFF}.{(Ip >> 8) & 0xFF}.{Ip & 0xFF}";

    public override string ToString() => $"{IpText}:{Port}";
}
