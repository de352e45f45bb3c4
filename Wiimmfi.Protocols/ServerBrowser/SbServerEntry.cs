namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// The address part of one server in a list reply. Which fields go on the wire is decided by
/// <paramref name="Flags"/>: public port with <see cref="SbServerFlags.NonStandardPort"/>, private IP with
/// <see cref="SbServerFlags.PrivateIp"/>, private port with <see cref="SbServerFlags.NonStandardPrivatePort"/>,
/// ICMP IP with <see cref="SbServerFlags.IcmpIp"/>. Addresses are big-endian u32 (first octet high).
/// </summary>
/// <remarks>
/// For DWC hosts the reference server sets <c>0x7E</c> (all address fields + keys + CONNECT_NEGOTIATE). To hide a
/// host's real address from a requester outside its network, put a search id (1 … 2^24−1) in
/// <paramref name="PublicIp"/>, 0 in the port and zeros in the private fields; the console later sends
/// SEND_MESSAGE to that pseudo-address.
/// </remarks>
public readonly record struct SbServerEntry(
    SbServerFlags Flags,
    uint PublicIp,
    ushort PublicPort = 0,
    uint PrivateIp = 0,
    ushort PrivatePort = 0,
    uint IcmpIp = 0)
{
    /// <summary>The flags the reference servers set for a DWC host: all address fields and the key values,
    /// plus CONNECT_NEGOTIATE when its heartbeat asked for NAT negotiation.</summary>
    public static SbServerFlags DwcHostFlags(bool natNegotiate) =>
        SbServerFlags.PrivateIp | SbServerFlags.IcmpIp | SbServerFlags.NonStandardPort |
        SbServerFlags.NonStandardPrivatePort | SbServerFlags.HasKeys |
        (natNegotiate ? SbServerFlags.ConnectNegotiate : SbServerFlags.None);
}
