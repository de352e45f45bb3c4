using System.Text.Json.Serialization;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// Deliver <paramref name="Data"/> (a NATNEG cookie or a DWC match command) to the listed host at
/// <paramref name="Target"/> as a QR2 client message, retried until it acknowledges. Sent by the server browser
/// for a SEND_MESSAGE request; there is no answer (the protocol has none).
/// </summary>
/// <param name="SenderIp">Public IP of the console asking (its MS connection): a match command must name a
/// listed QR2 host of that IP as its sender.</param>
[WireName("matchmaking.relay-client-message")]
public sealed record RelayClientMessage(string GameName, HostAddress Target, byte[] Data, uint SenderIp) : IShardedMessage
{
    /// <inheritdoc/>
    [JsonIgnore]
    public string EntityId => GameName;
}
