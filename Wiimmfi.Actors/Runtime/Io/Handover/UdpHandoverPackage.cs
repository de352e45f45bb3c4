using System.Net;

namespace Wiimmfi.Actors.Runtime.Io.Handover;

/// <summary>
/// A UDP socket on its way to a successor: its descriptor here, the address it is bound to, and the datagrams this
/// process read after the hand-over began (the successor delivers them first, so none is lost).
/// </summary>
public sealed record UdpHandoverPackage(string Name, int Descriptor, IPEndPoint LocalEndPoint, IReadOnlyList<CapturedDatagram> Captured);

/// <summary>One datagram read during a hand-over, with its sender.</summary>
public sealed record CapturedDatagram(byte[] Data, string Address, int Port)
{
    public IPEndPoint Remote => new(IPAddress.Parse(Address), Port);
}
