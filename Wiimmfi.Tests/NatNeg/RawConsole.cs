using System.Net;
using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>
/// A console's two sockets driven packet by packet, for tests that script exactly what goes out and in what
/// order (duplicates, reordering, timing) — unlike <see cref="NatNegConsole"/>, which behaves like the SDK.
/// </summary>
internal sealed class RawConsole : IDisposable
{
    public RawConsole(NatNegServerAddresses servers, uint cookie, byte index, string address, byte version = 3)
    {
        Servers = servers;
        Cookie = cookie;
        Index = index;
        Version = version;
        Game = new NatNegUdpSocket(IPAddress.Parse(address));
        Negotiation = new NatNegUdpSocket(IPAddress.Parse(address));
    }

    public NatNegServerAddresses Servers { get; }
    public uint Cookie { get; }
    public byte Index { get; }
    public byte Version { get; }
    public NatNegUdpSocket Game { get; }
    public NatNegUdpSocket Negotiation { get; }

    public NatNegAddress GameAddress => NatNegAddress.FromEndPoint(Game.LocalEndPoint);

    /// <summary>Sends the INIT of one port type from the socket and to the server the SDK uses for it.</summary>
    public ValueTask SendInitAsync(NatNegPortType portType)
    {
        var local = new NatNegAddress(GameAddress.Ip, portType is NatNegPortType.GamePort or NatNegPortType.Nn1 ? (ushort)0 : GameAddress.Port);
        var init = NatNegInitPacket.CreateInit(Version, Cookie, portType, Index, useGamePort: true, local, "mariokartwii");
        var socket = portType == NatNegPortType.GamePort ? Game : Negotiation;
        return socket.SendAsync(init, Servers.For((int)portType));
    }

    public ValueTask SendConnectAckAsync(IPEndPoint to) =>
        Negotiation.SendAsync(NatNegReplies.ConnectAck(Version, Cookie, Index), to);

    public ValueTask SendReportAsync(bool success) =>
        Negotiation.SendAsync(new NatNegReportPacket(new NatNegHeader(Version, NatNegPacketType.Report, Cookie), NatNegWire.ReportSize,
            NatNegPortType.GamePort, Index, success ? (byte)1 : (byte)0, (uint)NatType.Unknown, 0, "mariokartwii"), Servers.Natneg1);

    public void Dispose()
    {
        Game.Dispose();
        Negotiation.Dispose();
    }
}
