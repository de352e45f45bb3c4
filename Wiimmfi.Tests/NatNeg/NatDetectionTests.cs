using System.Net;
using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>
/// The console's NAT test against real sockets on several loopback addresses: ADDRESS_CHECK shows the mapping,
/// NATIFY's unsolicited ERT tests come from the other sockets so the emulated NAT's filtering is detected.
/// </summary>
public sealed class NatDetectionTests
{
    // The console believes it is 192.168.1.10 on its LAN; the server sees 127.0.0.x: there is a NAT.
    private static NatDetectionOptions Behind(NatFilter filter, string address) => new()
    {
        LocalAddress = IPAddress.Parse(address),
        ClaimedPrivateAddress = IPAddress.Parse("192.168.1.10"),
        Filter = filter,
        Timeout = TimeSpan.FromSeconds(3),
    };

    [Theory]
    [InlineData(NatFilter.Open, NatType.FullCone, "127.0.0.60")]
    [InlineData(NatFilter.PortRestricted, NatType.PortRestrictedCone, "127.0.0.61")]
    // Three addresses, as Wiimmfi ran natneg1/2/3: no socket shares a probed address on another port, so the
    // port test comes from a third address and an address-restricted NAT is taken for the stricter kind.
    [InlineData(NatFilter.AddressRestricted, NatType.PortRestrictedCone, "127.0.0.62")]
    public async Task With_three_addresses_the_console_learns_its_NAT_type(NatFilter filter, NatType expected, string consoleAddress)
    {
        await using var node = await NatNegNode.StartAsync(null, "127.0.0.1", "127.0.0.2", "127.0.0.3");

        var result = await NatDetection.RunAsync(node.Servers, Behind(filter, consoleAddress));

        Assert.True(result.Determined);
        Assert.Equal(expected, result.NatType);
        Assert.Equal(NatMappingScheme.PrivateAsPublic, result.MappingScheme); // loopback keeps the socket's port
        // The IP test came from an address the console never wrote to, the port test from a socket it never wrote to.
        Assert.Contains(result.Erts, e => e.PortType == NatNegPortType.Nn2 && e.From.Equals(node.Servers.Natneg3));
        Assert.Contains(result.Erts, e => e.PortType == NatNegPortType.Nn3 && e.From.Equals(node.Servers.Natneg3));
        Assert.Contains(result.Erts, e => e.PortType == NatNegPortType.Nn1 && e.From.Equals(node.Servers.Natneg1));
        Assert.Equal(4, node.Metrics.AddressChecks);
        Assert.Equal(3, node.Metrics.NatifyAnswered);
    }

    [Fact]
    public async Task A_third_socket_on_natneg1s_address_tells_an_address_restricted_NAT_exactly()
    {
        await using var node = await NatNegNode.StartAsync(null, "127.0.0.1", "127.0.0.2", "127.0.0.1");

        var result = await NatDetection.RunAsync(node.Servers, Behind(NatFilter.AddressRestricted, "127.0.0.63"));

        Assert.Equal(NatType.RestrictedCone, result.NatType);
        Assert.Contains(result.Erts, e => e.PortType == NatNegPortType.Nn3 && e.From.Equals(node.Servers.Natneg3) && !e.FilteredByNat);
        // No socket can send the IP test truthfully here, so it is not sent at all.
        Assert.DoesNotContain(result.Erts, e => e.PortType == NatNegPortType.Nn2);
        Assert.Equal(1, node.Metrics.NatifyUnanswerable);
    }

    [Fact]
    public async Task ADDRESS_REPLY_tells_the_console_the_public_address_the_server_saw()
    {
        await using var node = await NatNegNode.StartAsync(null, "127.0.0.1", "127.0.0.2", "127.0.0.3");
        using var socket = new NatNegUdpSocket(IPAddress.Parse("127.0.0.64"));
        var check = new NatNegInitPacket(new NatNegHeader(3, NatNegPacketType.AddressCheck, 2), NatNegWire.PaddedSize, NatNegPortType.Nn3, 0, 0, NatNegAddress.None, "");

        await socket.SendAsync(check, node.Servers.Natneg3);
        var reply = await socket.ReceiveAsync(TimeSpan.FromSeconds(15));

        var packet = Assert.IsType<NatNegInitPacket>(reply.Packet);
        Assert.Equal((NatNegPacketType.AddressReply, 2u, NatNegWire.PaddedSize), (packet.Type, packet.Cookie, reply.Bytes.Length));
        Assert.Equal(NatNegAddress.FromEndPoint(socket.LocalEndPoint), packet.LocalAddress);
        Assert.Equal(node.Servers.Natneg3, reply.From);
    }
}
