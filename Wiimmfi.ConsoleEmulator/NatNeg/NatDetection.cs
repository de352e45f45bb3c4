using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.ConsoleEmulator.NatNeg;

/// <summary>Settings of one emulated NAT test ("NATify", what the Wii connection test runs).</summary>
public sealed record NatDetectionOptions
{
    /// <summary>The loopback address the two test sockets bind.</summary>
    public IPAddress LocalAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The console's LAN address as it believes it (differs from the public address when there is a NAT). Default: <see cref="LocalAddress"/>.</summary>
    public IPAddress? ClaimedPrivateAddress { get; init; }

    /// <summary>The emulated NAT's filtering.</summary>
    public NatFilter Filter { get; init; } = NatFilter.Open;

    /// <summary>How long to wait for answers that never come (the test ends early once everything arrived).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public byte Version { get; init; } = NatNegWire.DwcVersion;
}

/// <summary>One ERTTEST the console's ERT socket received (or its NAT dropped).</summary>
public sealed record NatErtObservation(NatNegPortType PortType, IPEndPoint From, bool FilteredByNat);

/// <summary>One address mapping the server reported (ADDRESS_REPLY): the console's private and public address of its mapping socket.</summary>
public sealed record NatMapping(IPAddress PrivateIp, int PrivatePort, IPAddress PublicIp, int PublicPort);

/// <summary>
/// What the emulated console concluded: the SDK's restriction flags, NAT type and mapping scheme, with the raw
/// observations behind them. <see cref="Determined"/> is false when mappings were missing (the SDK then reports failure).
/// </summary>
public sealed record NatDetectionResult(
    bool Determined, bool IpRestricted, bool PortRestricted, NatType NatType, NatMappingScheme MappingScheme, bool Qr2Compatible,
    IReadOnlyList<NatErtObservation> Erts, IReadOnlyList<NatMapping?> Mappings);

/// <summary>
/// The console's NAT test (GameSpy SDK NATify.c, our own rendering): an ERT socket sends NATIFY_REQUEST with port
/// types 1 and 2 to natneg1 and 3 to natneg2 (cookie 777), and a mapping socket sends ADDRESS_CHECK to natneg1
/// twice (mappings 1a and 1b), natneg2 (mapping 2) and natneg3 (mapping 3). An ERTTEST with port type 2 that
/// gets through means "not IP-restricted", type 3 "not port-restricted"; the ADDRESS_REPLYs show how the NAT
/// maps ports. Packets are zero-padded to 73 bytes, as the SDK sends them.
/// </summary>
public static class NatDetection
{
    // Mapping ids (the ADDRESS_CHECK cookie), from the SDK's enum: 1a, 2, 3, 1b.
    private const uint Map1a = 0, Map2 = 1, Map3 = 2, Map1b = 3;

    public static async Task<NatDetectionResult> RunAsync(NatNegServerAddresses servers, NatDetectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(options);
        var inbox = Channel.CreateUnbounded<NatNegDatagram>();
        using var ertSocket = new NatNegUdpSocket(options.LocalAddress, options.Filter, inbox.Writer);
        using var mappingSocket = new NatNegUdpSocket(options.LocalAddress, options.Filter, inbox.Writer);

        await ertSocket.SendAsync(Probe(options, NatNegPacketType.NatifyRequest, NatNegWire.NatDetectionCookie, NatNegPortType.Nn1), servers.Natneg1, cancellationToken).ConfigureAwait(false);
        await ertSocket.SendAsync(Probe(options, NatNegPacketType.NatifyRequest, NatNegWire.NatDetectionCookie, NatNegPortType.Nn2), servers.Natneg1, cancellationToken).ConfigureAwait(false);
        await ertSocket.SendAsync(Probe(options, NatNegPacketType.NatifyRequest, NatNegWire.NatDetectionCookie, NatNegPortType.Nn3), servers.Natneg2, cancellationToken).ConfigureAwait(false);
        await mappingSocket.SendAsync(Probe(options, NatNegPacketType.AddressCheck, Map1a, NatNegPortType.Nn1), servers.Natneg1, cancellationToken).ConfigureAwait(false);
        await mappingSocket.SendAsync(Probe(options, NatNegPacketType.AddressCheck, Map1b, NatNegPortType.Nn1), servers.Natneg1, cancellationToken).ConfigureAwait(false);
        await mappingSocket.SendAsync(Probe(options, NatNegPacketType.AddressCheck, Map2, NatNegPortType.Nn2), servers.Natneg2, cancellationToken).ConfigureAwait(false);
        await mappingSocket.SendAsync(Probe(options, NatNegPacketType.AddressCheck, Map3, NatNegPortType.Nn3), servers.Natneg3, cancellationToken).ConfigureAwait(false);

        var erts = new List<NatErtObservation>();
        var ertSeen = new bool[4];
        var mappings = new NatMapping?[4];
        var privateIp = options.ClaimedPrivateAddress ?? options.LocalAddress;
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (!(ertSeen[1] && ertSeen[2] && ertSeen[3] && mappings.All(m => m is not null)))
        {
            var left = (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;
            if (left <= 0) break;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(left));
            NatNegDatagram datagram;
            try
            {
                datagram = await inbox.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
            switch (datagram.Packet)
            {
                case NatNegInitPacket ert when ert.Type == NatNegPacketType.ErtTest && datagram.Socket == ertSocket && (int)ert.PortType is >= 1 and <= 3:
                    // Every ERTTEST is recorded, and one the NAT dropped settles its question as surely as one it let through.
                    erts.Add(new NatErtObservation(ert.PortType, datagram.From, datagram.FilteredByNat));
                    ertSeen[(int)ert.PortType] = true;
                    break;
                case NatNegInitPacket reply when reply.Type == NatNegPacketType.AddressReply && datagram.Socket == mappingSocket && !datagram.FilteredByNat && reply.Cookie < 4:
                    mappings[reply.Cookie] = new NatMapping(privateIp, mappingSocket.LocalEndPoint.Port,
                        reply.LocalAddress.ToEndPoint().Address, reply.LocalAddress.Port);
                    break;
            }
        }
        return Classify(erts, mappings);
    }

    private static NatNegInitPacket Probe(NatDetectionOptions options, NatNegPacketType type, uint cookie, NatNegPortType portType) =>
        new(new NatNegHeader(options.Version, type, cookie), NatNegWire.PaddedSize, portType, 0, 0, NatNegAddress.None, "");

    /// <summary>The SDK's conclusion from what arrived (DetermineNatType), in our own words.</summary>
    public static NatDetectionResult Classify(IReadOnlyList<NatErtObservation> erts, IReadOnlyList<NatMapping?> mappings)
    {
        ArgumentNullException.ThrowIfNull(erts);
        ArgumentNullException.ThrowIfNull(mappings);
        var ipRestricted = !erts.Any(e => e.PortType == NatNegPortType.Nn2 && !e.FilteredByNat);
        var portRestricted = !erts.Any(e => e.PortType == NatNegPortType.Nn3 && !e.FilteredByNat);
        var map1a = mappings[(int)Map1a];
        var map1b = mappings[(int)Map1b];
        var map2 = mappings[(int)Map2];
        var map3 = mappings[(int)Map3];
        if (map1a is null || map2 is null || map3 is null)
            return new NatDetectionResult(false, ipRestricted, portRestricted, NatType.Unknown, NatMappingScheme.Unrecognized, true, erts, mappings);

        var publicIsPrivate = map1a.PublicIp.Equals(map1a.PrivateIp);
        var portsDiffer = map3.PublicPort != map2.PublicPort; // a new mapping per destination: symmetric
        NatType natType;
        if (publicIsPrivate) natType = ipRestricted || portRestricted ? NatType.FirewallOnly : NatType.NoNat;
        else if (portsDiffer) natType = NatType.Symmetric;
        else if (portRestricted) natType = NatType.PortRestrictedCone;
        else if (ipRestricted) natType = NatType.RestrictedCone;
        else natType = NatType.FullCone;

        NatMappingScheme scheme;
        if (map1a.PublicPort == map1a.PrivatePort && map2.PublicPort == map2.PrivatePort && map3.PublicPort == map3.PrivatePort)
            scheme = NatMappingScheme.PrivateAsPublic;
        else if (map1a.PublicPort == map2.PublicPort && map2.PublicPort == map3.PublicPort)
            scheme = NatMappingScheme.ConsistentPort;
        else if (map1a.PublicPort == map1a.PrivatePort && map3.PublicPort - map2.PublicPort == 1)
            scheme = NatMappingScheme.Mixed;
        else if (map3.PublicPort - map2.PublicPort == 1)
            scheme = NatMappingScheme.Incremental;
        else
            scheme = NatMappingScheme.Unrecognized;

        var qr2Compatible = map1b is null || map1b.PublicPort == 0 || map1b.PublicPort == map1a.PublicPort;
        return new NatDetectionResult(true, ipRestricted, portRestricted, natType, scheme, qr2Compatible, erts, mappings);
    }
}
