namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>A decoded list reply, as a console sees it (emulator, tests).</summary>
/// <param name="ClientIp">The requester's public IP the server saw.</param>
/// <param name="DefaultPort">Port for entries without NONSTANDARD_PORT (<c>0xFFFF</c> = error).</param>
/// <param name="Error">The error text when <paramref name="DefaultPort"/> is <c>0xFFFF</c>.</param>
/// <param name="Keys">The key list (empty for a NO_SERVER_LIST reply).</param>
/// <param name="PopularValues">The popular-value table.</param>
/// <param name="Servers">The entries before the terminator.</param>
public sealed record SbServerListReply(
    uint ClientIp,
    ushort DefaultPort,
    string? Error,
    IReadOnlyList<SbKey> Keys,
    IReadOnlyList<string> PopularValues,
    IReadOnlyList<SbListedServer> Servers);

/// <summary>One server of a list reply or PUSH_SERVER message.</summary>
/// <param name="Entry">Flags and addresses.</param>
/// <param name="Values">One value per reply key (byte/short keys as decimal text).</param>
/// <param name="Rules">Full rules, when flagged.</param>
public sealed record SbListedServer(
    SbServerEntry Entry,
    IReadOnlyList<string> Values,
    IReadOnlyList<KeyValuePair<string, string>> Rules);

/// <summary>What a reply reader found.</summary>
public enum SbReplyReadStatus
{
    /// <summary>A whole reply/message was read.</summary>
    Complete = 0,
    /// <summary>The data ends before the reply does: read more.</summary>
    NeedMoreData = 1,
    /// <summary>The bytes do not form a valid reply.</summary>
    Invalid = 2,
}
