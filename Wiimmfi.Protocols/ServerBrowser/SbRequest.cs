using Wiimmfi.Protocols.Qr2;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>A parsed client→server server-browser request.</summary>
public abstract record SbRequest
{
    /// <summary>The wire type.</summary>
    public abstract SbRequestType Type { get; }
}

/// <summary>
/// 0x00 SERVER_LIST_REQUEST: list the servers of <paramref name="QueryForGame"/> matching
/// <paramref name="Filter"/>; the reply is encrypted with the secret key of <paramref name="QueryFromGame"/>.
/// </summary>
/// <param name="ProtocolVersion">SDK: 1.</param>
/// <param name="EncodingVersion">SDK: 3.</param>
/// <param name="GameVersion">Little-endian on the wire; informational.</param>
/// <param name="QueryForGame">The game whose servers are wanted.</param>
/// <param name="QueryFromGame">The game asking (its secret key encrypts the reply).</param>
/// <param name="ClientChallenge">The 8 challenge bytes that key the reply cipher.</param>
/// <param name="Filter">The SQL-like filter text (may be empty); compile with
/// <see cref="Filter.CompiledFilter.TryCompile(string, out Filter.CompiledFilter?, out Filter.FilterError?)"/>.</param>
/// <param name="Fields">Requested keys in request order (from <c>\a\b\c</c>), empty names dropped.</param>
/// <param name="Options">Option bits.</param>
/// <param name="AlternateSourceIp">Present with <see cref="SbListOptions.AlternateSourceIp"/> (big-endian u32).</param>
/// <param name="MaxResults">Present with <see cref="SbListOptions.LimitResultCount"/> (DWC asks for 6).</param>
public sealed record SbServerListRequest(
    byte ProtocolVersion,
    byte EncodingVersion,
    int GameVersion,
    string QueryForGame,
    string QueryFromGame,
    ReadOnlyMemory<byte> ClientChallenge,
    string Filter,
    IReadOnlyList<string> Fields,
    SbListOptions Options,
    uint? AlternateSourceIp,
    int? MaxResults) : SbRequest
{
    /// <inheritdoc/>
    public override SbRequestType Type => SbRequestType.ServerList;

    /// <summary>True when the client wants only the fixed header (connection set-up).</summary>
    public bool WantsNoServerList => (Options & SbListOptions.NoServerList) != 0;

    /// <summary>
    /// The requested keys the server may return: without address keys (<c>publicip</c>, <c>publicport</c>,
    /// <c>localip*</c>, <c>localport</c>) and server-internal <c>+</c> keys, which must never be listed.
    /// </summary>
    public IReadOnlyList<string> ListableFields
    {
        get
        {
            var listable = new List<string>(Fields.Count);
            foreach (var name in Fields)
            {
                if (!Qr2KeyNames.IsAddressKey(name) && name[0] != Qr2KeyNames.ReservedPrefix)
                    listable.Add(name);
            }
            return listable;
        }
    }
}

/// <summary>0x01 SERVER_INFO_REQUEST: full rules of the server listed at this IP/port.</summary>
public sealed record SbServerInfoRequest(uint Ip, ushort Port) : SbRequest
{
    /// <inheritdoc/>
    public override SbRequestType Type => SbRequestType.ServerInfo;
}

/// <summary>
/// 0x02 SEND_MESSAGE_REQUEST: deliver <paramref name="Data"/> (NATNEG cookie or DWC match command) to the server
/// listed at this IP/port — possibly a search id standing in for a hidden address. No reply on the connection.
/// </summary>
public sealed record SbSendMessageRequest(uint TargetIp, ushort TargetPort, ReadOnlyMemory<byte> Data) : SbRequest
{
    /// <inheritdoc/>
    public override SbRequestType Type => SbRequestType.SendMessage;

    /// <summary>WiiLink's 48-bit target id: <c>IP | port &lt;&lt; 32</c>; below 2^24 it is a search id.</summary>
    public ulong TargetId => TargetIp | ((ulong)TargetPort << 32);
}

/// <summary>0x03 KEEPALIVE_REPLY: the client echoing the decrypted KEEPALIVE message it received.</summary>
public sealed record SbKeepAliveReply(ReadOnlyMemory<byte> Payload) : SbRequest
{
    /// <inheritdoc/>
    public override SbRequestType Type => SbRequestType.KeepAliveReply;
}
