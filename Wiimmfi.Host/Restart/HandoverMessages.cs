using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiimmfi.Host.Restart;

/// <summary>
/// The smart-restart conversation between a running node (the predecessor) and its successor, over a
/// <see cref="Wiimmfi.Actors.Runtime.Io.Handover.UnixFdChannel"/>. In order:
///
///   successor → Hello        its pid; it has loaded its settings and opened the store
///   predecessor → Sockets     duplicates of every listening socket and UDP socket (it keeps serving)
///   successor → Prepared     modules and servers are up on those sockets, every input held back
///   ─── the switch: the predecessor stops accepting, stops reading UDP, takes every TCP connection ───
///   predecessor → Switch      the datagrams read after UDP stopped, and how many connection batches follow
///   predecessor → Connections one batch of up to 200 connections, their descriptors attached
///   predecessor → Complete    nothing more follows
///   successor → Ready        everything adopted, inputs released; the predecessor may leave
///
/// Either side may send Abort with a reason; before the switch the predecessor then simply keeps serving.
/// Numbers are wire values: append only.
/// </summary>
public enum HandoverMessageKind : byte
{
    Hello = 1,
    Sockets = 2,
    Prepared = 3,
    Switch = 4,
    Connections = 5,
    Complete = 6,
    Ready = 7,
    Abort = 9,
}

public sealed record HelloMessage(int Pid, string Version);

/// <summary>Names of the sockets whose descriptors ride with this message, in order: listeners first, then UDP.</summary>
public sealed record SocketsMessage(IReadOnlyList<string> Listeners, IReadOnlyList<string> Udp);

public sealed record PreparedMessage(long PreparedInMilliseconds);

public sealed record SwitchMessage(IReadOnlyList<UdpCapture> Udp, int ConnectionBatches, long SwitchStartedAtUnixMs);

public sealed record UdpCapture(string Name, IReadOnlyList<CapturedDatagramDto> Datagrams);

public sealed record CapturedDatagramDto(byte[] Data, string Address, int Port);

/// <summary>One batch; connection i owns descriptor i of the message.</summary>
public sealed record ConnectionsMessage(IReadOnlyList<ConnectionDto> Connections);

public sealed record ConnectionDto(string Protocol, string RemoteAddress, int RemotePort, string LocalAddress, int LocalPort,
    byte[] UnreadBytes, byte[] UnsentBytes, string? StateManifest, byte[]? State);

public sealed record CompleteMessage(int Connections, int FailedConnections, int Datagrams);

public sealed record ReadyMessage(int AdoptedConnections, int DeliveredDatagrams);

public sealed record AbortMessage(string Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HelloMessage))]
[JsonSerializable(typeof(SocketsMessage))]
[JsonSerializable(typeof(PreparedMessage))]
[JsonSerializable(typeof(SwitchMessage))]
[JsonSerializable(typeof(ConnectionsMessage))]
[JsonSerializable(typeof(CompleteMessage))]
[JsonSerializable(typeof(ReadyMessage))]
[JsonSerializable(typeof(AbortMessage))]
internal sealed partial class HandoverJsonContext : JsonSerializerContext;
