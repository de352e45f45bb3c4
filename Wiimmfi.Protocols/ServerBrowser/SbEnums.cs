namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>Client→server request types (the byte after the length). Frozen wire numbers.</summary>
public enum SbRequestType : byte
{
    /// <summary>List the servers of a game matching a filter.</summary>
    ServerList = 0x00,
    /// <summary>Full rules of one server.</summary>
    ServerInfo = 0x01,
    /// <summary>Deliver data to a listed server (forwarded as a QR2 client message).</summary>
    SendMessage = 0x02,
    /// <summary>The client echoing a server KEEPALIVE message.</summary>
    KeepAliveReply = 0x03,
    /// <summary>Map-loop query (not used by DWC).</summary>
    MapLoop = 0x04,
    /// <summary>Player search (not used by DWC).</summary>
    PlayerSearch = 0x05,
}

/// <summary>Server→client ad-hoc message types inside the encrypted stream after the list. Frozen wire numbers.</summary>
public enum SbAdHocMessageType : byte
{
    /// <summary>Replace the client's key list.</summary>
    PushKeys = 0x01,
    /// <summary>Add/update one server (also the answer to SERVER_INFO).</summary>
    PushServer = 0x02,
    /// <summary>Keep-alive; the client echoes it back as a KEEPALIVE_REPLY request.</summary>
    KeepAlive = 0x03,
    /// <summary>Remove one server.</summary>
    DeleteServer = 0x04,
    /// <summary>Map loop (unused).</summary>
    MapLoop = 0x05,
    /// <summary>Player search results (unused).</summary>
    PlayerSearch = 0x06,
}

/// <summary>SERVER_LIST_REQUEST option bits (big-endian u32 on the wire). Frozen wire values.</summary>
[Flags]
public enum SbListOptions : uint
{
    /// <summary>No options.</summary>
    None = 0,
    /// <summary>Send keys even for servers the client could query directly.</summary>
    SendFieldsForAll = 0x01,
    /// <summary>Reply with the fixed header only (set-up before SEND_MESSAGE).</summary>
    NoServerList = 0x02,
    /// <summary>Keep the connection and push updates.</summary>
    PushUpdates = 0x04,
    /// <summary>A 4-byte alternate source IP follows the options.</summary>
    AlternateSourceIp = 0x08,
    /// <summary>List groups instead of servers.</summary>
    SendGroups = 0x20,
    /// <summary>Do not use a list cache.</summary>
    NoListCache = 0x40,
    /// <summary>A 4-byte little-endian result limit follows (after the alternate IP when both are set).</summary>
    LimitResultCount = 0x80,
}

/// <summary>Flags byte of a server entry in a list reply. Frozen wire values.</summary>
[Flags]
public enum SbServerFlags : byte
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>Accepts direct queries (not behind NAT).</summary>
    UnsolicitedUdp = 0x01,
    /// <summary>Private IPv4 field present.</summary>
    PrivateIp = 0x02,
    /// <summary>Reach it through NAT negotiation (its heartbeat had natneg ≠ 0).</summary>
    ConnectNegotiate = 0x04,
    /// <summary>ICMP IPv4 field present.</summary>
    IcmpIp = 0x08,
    /// <summary>Public port field present (else the reply's default port applies).</summary>
    NonStandardPort = 0x10,
    /// <summary>Private port field present.</summary>
    NonStandardPrivatePort = 0x20,
    /// <summary>One value per reply key follows.</summary>
    HasKeys = 0x40,
    /// <summary>Key/value rule pairs follow, ending with an empty key.</summary>
    HasFullRules = 0x80,
}

/// <summary>Type of a key in the reply's key list. Frozen wire values.</summary>
public enum SbKeyType : byte
{
    /// <summary>String value: a popular-table index byte, or <c>FF</c> + NUL-terminated text.</summary>
    String = 0,
    /// <summary>One byte.</summary>
    Byte = 1,
    /// <summary>Two bytes, big-endian.</summary>
    Short = 2,
}

/// <summary>A key of the reply's key list.</summary>
public readonly record struct SbKey(string Name, SbKeyType Type);
