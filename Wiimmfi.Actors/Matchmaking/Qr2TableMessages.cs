using System.Text.Json.Serialization;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Actors.Matchmaking;

// What the QR2 front-end tells a game's table (through the "matchmaking" shard region; entity id = game name).
// The sender is the front-end actor: the table answers the console through it.

/// <summary>
/// A heartbeat datagram, whole and unparsed: the front-end only peeked at its gamename to route it. The table
/// compares it with the host's previous heartbeat and parses it only when it differs, so the common periodic
/// heartbeat costs one byte comparison.
/// </summary>
[WireName("matchmaking.qr2-heartbeat")]
public sealed record Qr2HeartbeatReceived(string GameName, HostAddress Address, byte[] Datagram) : IShardedMessage
{
    /// <inheritdoc/>
    [JsonIgnore]
    public string EntityId => GameName;
}

/// <summary>A console's answer to its challenge.</summary>
[WireName("matchmaking.qr2-challenge-response")]
public sealed record Qr2ChallengeAnswered(string GameName, HostAddress Address, uint InstanceKey, string Response) : IShardedMessage
{
    /// <inheritdoc/>
    [JsonIgnore]
    public string EntityId => GameName;
}

/// <summary>A keep-alive (or an echo response): the host is still there.</summary>
[WireName("matchmaking.qr2-keep-alive")]
public sealed record Qr2KeepAliveReceived(string GameName, HostAddress Address, uint InstanceKey) : IShardedMessage
{
    /// <inheritdoc/>
    [JsonIgnore]
    public string EntityId => GameName;
}

/// <summary>The host acknowledged the client message with <paramref name="MessageKey"/>.</summary>
[WireName("matchmaking.qr2-client-message-ack")]
public sealed record Qr2ClientMessageAcknowledged(string GameName, HostAddress Address, uint InstanceKey, uint MessageKey) : IShardedMessage
{
    /// <inheritdoc/>
    [JsonIgnore]
    public string EntityId => GameName;
}

/// <summary>Drop the host at <paramref name="Address"/> from this game's table (it now reports another game).</summary>
[WireName("matchmaking.forget-host")]
public sealed record ForgetHost(string GameName, HostAddress Address, HostRemovalReason Reason) : IShardedMessage
{
    /// <inheritdoc/>
    [JsonIgnore]
    public string EntityId => GameName;
}
