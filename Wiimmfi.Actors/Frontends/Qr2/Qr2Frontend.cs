using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Protocols.Common.GameList;
using Wiimmfi.Protocols.Qr2;

namespace Wiimmfi.Actors.Frontends.Qr2;

/// <summary>
/// MASTER's socket side (UDP 27900): turns QR2 datagrams into messages for the games' matchmaking tables and the
/// tables' answers back into datagrams. It keeps no game state — only which table each address reports to
/// (<see cref="Qr2Routes"/>) — and answers alone only what needs no table: the availability check and the
/// refusal of an unknown game.
/// </summary>
/// <remarks>
/// <para><b>Path of a heartbeat</b> (the hot path, ~100,000/s aimed for): <see cref="Udp.Received"/> → peek the
/// gamename in place (<see cref="Qr2GameNamePeek"/>, no allocation) → look the game up in the current game list →
/// tell the table the raw datagram through the shard region. The table compares it with the host's previous one
/// and parses only on change.</para>
/// <para><b>Bad input</b> (counted in <see cref="MatchmakingMetrics"/>, logged at debug level, never answered —
/// replies to garbage can be used for reflection): datagrams under 5 bytes or over 1,400, types no console sends,
/// packets the codec refuses, packets from addresses without a host. A heartbeat or availability check for an
/// unknown or disabled game is answered as the protocol allows (ADDERROR / "unavailable"), since a real console of
/// that game can then show an error at once.</para>
/// </remarks>
public sealed class Qr2Frontend : ReceiveActor
{
    private const byte UnknownGameErrorCode = 1; // OpenSpy's code for every registration error

    private readonly IActorRef _tables;
    private readonly GameListProvider _games;
    private readonly MatchmakingMetrics _metrics;
    private readonly Qr2Routes _routes = new();
    private IActorRef? _binding;

    public Qr2Frontend(IActorRef tables, GameListProvider games, MatchmakingMetrics metrics)
    {
        _tables = tables;
        _games = games;
        _metrics = metrics;

        Receive<Udp.Received>(OnDatagram);
        Receive<Qr2SendChallenge>(c => Send(c.Address, Qr2ServerPacketWriter.Challenge(new Qr2InstanceKey(c.InstanceKey), c.Challenge)));
        Receive<Qr2SendClientRegistered>(r => Send(r.Address, Qr2ServerPacketWriter.ClientRegistered(new Qr2InstanceKey(r.InstanceKey))));
        Receive<Qr2SendClientMessage>(SendClientMessage);
        Receive<Qr2HostGone>(g => _routes.Remove(g.Address, g.GameName));
        Receive<Udp.Bound>(_ => _binding = Sender);
        Receive<Udp.Unbound>(_ => _binding = null);
    }

    /// <summary>Props of the front-end of one QR2 socket.</summary>
    public static Props Props(IActorRef tables, GameListProvider games, MatchmakingMetrics metrics) =>
        Runtime.Props.Create(() => new Qr2Frontend(tables, games, metrics));

    private void OnDatagram(Udp.Received received)
    {
        _binding = Sender;
        _metrics.Increment(MatchmakingCounter.Qr2Datagrams);
        var data = received.Data.Span;
        if (!HostAddress.TryFrom(received.Remote, out var address))
        {
            Refuse(MatchmakingCounter.Qr2MalformedDatagrams, received, "not an IPv4 source");
            return;
        }
        if (data.Length < 1 + Qr2InstanceKey.Length)
        {
            Refuse(MatchmakingCounter.Qr2MalformedDatagrams, received, $"{data.Length} bytes, shorter than a QR2 header");
            return;
        }
        if (data.Length > Qr2Limits.MaxDatagramLength)
        {
            Refuse(MatchmakingCounter.Qr2MalformedDatagrams, received, $"{data.Length} bytes, over the SDK's {Qr2Limits.MaxDatagramLength}");
            return;
        }
        switch ((Qr2PacketType)data[0])
        {
            case Qr2PacketType.Heartbeat:
                OnHeartbeat(received, address);
                break;
            case Qr2PacketType.Available:
                OnAvailabilityCheck(received);
                break;
            case Qr2PacketType.Challenge:
            case Qr2PacketType.KeepAlive:
            case Qr2PacketType.ClientMessageAck:
            case Qr2PacketType.EchoResponse:
                OnHostPacket(received, address);
                break;
            default:
                Refuse(MatchmakingCounter.Qr2UnsupportedTypes, received, $"type 0x{data[0]:x2} is not a client packet");
                break;
        }
    }

    private void OnHeartbeat(Udp.Received received, HostAddress address)
    {
        var data = received.Data.Span;
        if (!Qr2GameNamePeek.TryFind(data, out var nameBytes) || nameBytes.Length > Qr2Limits.MaxGameNameLength)
        {
            Refuse(MatchmakingCounter.Qr2MalformedDatagrams, received, "heartbeat without a usable gamename");
            return;
        }
        Span<char> name = stackalloc char[nameBytes.Length];
        Encoding.Latin1.GetChars(nameBytes, name);
        if (!_games.Current.TryGetMatchmakingGame(name, out var game, out string? refusal))
        {
            _metrics.Increment(MatchmakingCounter.Qr2UnknownGames);
            if (Context.Logger.IsEnabled(LogLevel.Debug))
                MatchmakingLog.GameRefused(Context.Logger, "heartbeat", received.Remote.ToString(), name.ToString(), refusal);
            Send(address, Qr2ServerPacketWriter.AddError(Qr2InstanceKey.Read(data[1..]), UnknownGameErrorCode, refusal));
            return;
        }
        if (_routes.Set(address, game.Name) is { } previousGame)
            _tables.Tell(new ForgetHost(previousGame, address, HostRemovalReason.MovedToAnotherGame), Self);
        _tables.Tell(new Qr2HeartbeatReceived(game.Name, address, ArrayOf(received.Data)), Self);
    }

    private void OnAvailabilityCheck(Udp.Received received)
    {
        var parsed = Qr2ClientPacketReader.Read(received.Data.Span);
        if (parsed.Packet is not Qr2AvailabilityCheck check)
        {
            Refuse(MatchmakingCounter.Qr2MalformedDatagrams, received, parsed.ToString());
            return;
        }
        _metrics.Increment(MatchmakingCounter.Qr2AvailabilityChecks);
        var status = Qr2AvailabilityStatus.Available;
        if (!_games.Current.TryGetMatchmakingGame(check.GameName, out _, out string? refusal))
        {
            _metrics.Increment(MatchmakingCounter.Qr2UnknownGames);
            if (Context.Logger.IsEnabled(LogLevel.Debug))
                MatchmakingLog.GameRefused(Context.Logger, "availability check", received.Remote.ToString(), check.GameName, refusal);
            // A game switched off by the operator may come back; one the list does not know will not.
            status = _games.Current.TryGetByName(check.GameName, out _)
                ? Qr2AvailabilityStatus.TemporarilyUnavailable
                : Qr2AvailabilityStatus.Unavailable;
        }
        SendTo(received.Remote, Qr2ServerPacketWriter.AvailabilityReply(status));
    }

    /// <summary>Challenge responses, keep-alives, acknowledgements, echo responses: they go to the table the
    /// address's last heartbeat went to.</summary>
    private void OnHostPacket(Udp.Received received, HostAddress address)
    {
        var parsed = Qr2ClientPacketReader.Read(received.Data.Span);
        if (!parsed.IsSuccess)
        {
            Refuse(MatchmakingCounter.Qr2MalformedDatagrams, received, parsed.ToString());
            return;
        }
        if (!_routes.TryGet(address, out var game))
        {
            Refuse(MatchmakingCounter.Qr2UnknownHosts, received, $"{parsed.Packet.Type} from an address that has not reported");
            return;
        }
        object message = parsed.Packet switch
        {
            Qr2ChallengeResponse response => new Qr2ChallengeAnswered(game, address, response.InstanceKey.Value, response.Response),
            Qr2ClientMessageAck ack => new Qr2ClientMessageAcknowledged(game, address, ack.InstanceKey.Value, ack.MessageKey),
            // An echo response proves the console is there just as a keep-alive does.
            _ => new Qr2KeepAliveReceived(game, address, parsed.Packet.InstanceKey.Value),
        };
        _tables.Tell(message, Self);
    }

    private void SendClientMessage(Qr2SendClientMessage command)
    {
        if (command.Data.Length > Qr2Limits.MaxClientMessageDataLength)
            return; // cannot happen: the server browser bounds the data; never send what overflows a console
        Send(command.Address, Qr2ServerPacketWriter.ClientMessage(new Qr2InstanceKey(command.InstanceKey), command.MessageKey, command.Data));
    }

    private void Refuse(MatchmakingCounter counter, Udp.Received received, string reason)
    {
        _metrics.Increment(counter);
        if (Context.Logger.IsEnabled(LogLevel.Debug)) // a flood of garbage must not cost formatting
            MatchmakingLog.DatagramRefused(Context.Logger, received.Remote.ToString(), reason);
    }

    private void Send(HostAddress address, byte[] packet) => SendTo(address.ToEndPoint(), packet);

    private void SendTo(System.Net.IPEndPoint target, byte[] packet) =>
        _binding?.Tell(new Udp.Send(packet, target), Self);

    /// <summary>The datagram's array itself when the memory is a whole array (as the binding delivers it), else a copy.</summary>
    private static byte[] ArrayOf(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();
}
