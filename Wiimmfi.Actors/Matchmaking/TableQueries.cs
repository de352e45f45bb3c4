using System.Text.Json.Serialization;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Actors.Matchmaking;

// Questions the server browser and the management API ask a game's table, and the answers.

/// <summary>
/// The hosts of the game that match <paramref name="Filter"/> (the console's filter text), with the values of
/// <paramref name="Fields"/> in that order; at most <paramref name="MaxResults"/> (the table applies its own
/// bound as well). Answered with <see cref="FoundHosts"/>.
/// </summary>
/// <param name="RequesterIp">The asking console's public IP: it decides whether private addresses are shown (only
/// to consoles behind the same NAT) and serves the DWC self-lookup.</param>
[WireName("matchmaking.find-hosts")]
public sealed record FindHosts(string GameName, string Filter, IReadOnlyList<string> Fields, int MaxResults, uint RequesterIp) : IShardedMessage
{
    /// <inheritdoc/>
    [JsonIgnore]
    public string EntityId => GameName;
}

/// <summary>What a <see cref="FindHosts"/> query gave.</summary>
public enum FindHostsOutcome
{
    /// <summary>The filter was applied; <see cref="FoundHosts.Hosts"/> are the matches (maybe none).</summary>
    Listed = 0,
    /// <summary>The filter was refused (syntax, bounds); no hosts. <see cref="FoundHosts.Problem"/> says why.</summary>
    FilterRefused = 1,
}

/// <summary>The answer to <see cref="FindHosts"/>.</summary>
[WireName("matchmaking.found-hosts")]
public sealed record FoundHosts(FindHostsOutcome Outcome, string? Problem, IReadOnlyList<ListedHost> Hosts);

/// <summary>One host as the server browser lists it.</summary>
/// <param name="Address">Its public address (where SEND_MESSAGE is aimed).</param>
/// <param name="PrivateIp">Its <c>localip0</c>, only for a requester behind the same public IP; else 0.</param>
/// <param name="PrivatePort">Its <c>localport</c>, under the same rule.</param>
/// <param name="NatNegotiate">Its heartbeat asked for NAT negotiation.</param>
/// <param name="Values">One value per requested field, in request order; empty for a key it does not report.</param>
public sealed record ListedHost(HostAddress Address, uint PrivateIp, ushort PrivatePort, bool NatNegotiate, IReadOnlyList<string> Values);

/// <summary>All rules of the listed host at <paramref name="Address"/> (SERVER_INFO); answered with <see cref="HostRules"/>.</summary>
[WireName("matchmaking.get-host-rules")]
public sealed record GetHostRules(string GameName, HostAddress Address, uint RequesterIp) : IShardedMessage
{
    /// <inheritdoc/>
    [JsonIgnore]
    public string EntityId => GameName;
}

/// <summary>The answer to <see cref="GetHostRules"/>: null <paramref name="Host"/> when no such host is listed.
/// Address keys (<c>localip*</c>, <c>localport</c>, <c>publicip</c>, <c>publicport</c>) are never among the rules.</summary>
[WireName("matchmaking.host-rules")]
public sealed record HostRules(ListedHost? Host, IReadOnlyList<KeyValuePair<string, string>> Rules);

/// <summary>The table as an operator sees it (management API); answered with <see cref="TableView"/>.</summary>
[WireName("matchmaking.get-table-view")]
public sealed record GetTableView(string GameName) : IShardedMessage
{
    /// <inheritdoc/>
    [JsonIgnore]
    public string EntityId => GameName;
}

/// <summary>Every host of a table, listed ones and those still answering their challenge.</summary>
[WireName("matchmaking.table-view")]
public sealed record TableView(string GameName, int Listed, int Pending, IReadOnlyList<HostView> Hosts);

/// <summary>One host for operators: address, state, ages and public keys (address keys left out).</summary>
public sealed record HostView(string Address, bool Authenticated, double RegisteredSecondsAgo, double LastPacketSecondsAgo,
    IReadOnlyList<KeyValuePair<string, string>> Keys);
