using System.Buffers.Binary;
using System.Text;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// Parses one framed client→server request (length + type + payload, as cut by <see cref="SbRequestFramer"/>).
/// </summary>
/// <remarks>
/// Never throws on bad bytes. SERVER_LIST_REQUEST layout: protocol version (1), encoding version (1), game version
/// (4, little-endian), query-for gamename NTS, query-from gamename NTS, client challenge (8), filter NTS, key list
/// NTS (<c>\a\b</c>), options (4, big-endian), [alternate source IP (4) with option 0x08], [max results (4,
/// little-endian) with option 0x80] — the SDK writes both, IP first. Strings are decoded as Latin-1 (byte
/// transparent). The filter is kept as text even when it is longer than the SDK's 511 characters: the filter
/// compiler refuses it and the caller answers with an empty list, as the protocol expects, instead of dropping
/// the connection.
/// </remarks>
public static class SbRequestReader
{
    private const int HeaderLength = 3;

    /// <summary>Parses <paramref name="frame"/>, which must be exactly one request including its length field.</summary>
    public static SbParseResult Read(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < HeaderLength || frame.Length > SbLimits.MaxRequestLength ||
            BinaryPrimitives.ReadUInt16BigEndian(frame) != frame.Length)
            return SbParseResult.Failure(SbParseError.BadLength, $"frame of {frame.Length} bytes does not match its length field");

        var payload = frame[HeaderLength..];
        return (SbRequestType)frame[2] switch
        {
            SbRequestType.ServerList => ReadServerList(payload),
            SbRequestType.ServerInfo => ReadServerInfo(payload),
            SbRequestType.SendMessage => ReadSendMessage(payload),
            SbRequestType.KeepAliveReply => SbParseResult.Success(new SbKeepAliveReply(payload.ToArray())),
            _ => SbParseResult.Failure(SbParseError.UnsupportedType, $"request type 0x{frame[2]:x2} is not served"),
        };
    }

    private static SbParseResult ReadServerList(ReadOnlySpan<byte> payload)
    {
        var rest = payload;
        if (rest.Length < 6)
            return Truncated("versions");
        byte protocolVersion = rest[0];
        byte encodingVersion = rest[1];
        int gameVersion = BinaryPrimitives.ReadInt32LittleEndian(rest[2..]);
        rest = rest[6..];

        var error = TakeString(ref rest, SbLimits.MaxGameNameLength, "query-for gamename", out string queryFor);
        if (error is not null)
            return error.Value;
        error = TakeString(ref rest, SbLimits.MaxGameNameLength, "query-from gamename", out string queryFrom);
        if (error is not null)
            return error.Value;
        if (queryFor.Length == 0 || queryFrom.Length == 0)
            return SbParseResult.Failure(SbParseError.MissingField, "empty gamename");

        if (rest.Length < SbLimits.ClientChallengeLength)
            return Truncated("client challenge");
        byte[] challenge = rest[..SbLimits.ClientChallengeLength].ToArray();
        rest = rest[SbLimits.ClientChallengeLength..];

        error = TakeString(ref rest, SbLimits.MaxRequestLength, "filter", out string filter);
        if (error is not null)
            return error.Value;

        int nul = rest.IndexOf((byte)0);
        if (nul < 0)
            return Truncated("key list");
        var fieldBytes = rest[..nul];
        rest = rest[(nul + 1)..];
        var fields = new List<string>();
        foreach (var range in fieldBytes.Split((byte)'\\'))
        {
            var name = fieldBytes[range];
            if (name.IsEmpty)
                continue;
            if (name.Length > SbLimits.MaxFieldNameLength)
                return SbParseResult.Failure(SbParseError.StringTooLong, "field name over the limit");
            if (fields.Count == SbLimits.MaxFields)
                return SbParseResult.Failure(SbParseError.TooManyFields, $"more than {SbLimits.MaxFields} fields");
            fields.Add(Encoding.Latin1.GetString(name));
        }

        if (rest.Length < 4)
            return Truncated("options");
        var options = (SbListOptions)BinaryPrimitives.ReadUInt32BigEndian(rest);
        rest = rest[4..];

        uint? alternateIp = null;
        if ((options & SbListOptions.AlternateSourceIp) != 0)
        {
            if (rest.Length < 4)
                return Truncated("alternate source IP");
            alternateIp = BinaryPrimitives.ReadUInt32BigEndian(rest);
            rest = rest[4..];
        }
        int? maxResults = null;
        if ((options & SbListOptions.LimitResultCount) != 0)
        {
            if (rest.Length < 4)
                return Truncated("result limit");
            uint limit = BinaryPrimitives.ReadUInt32LittleEndian(rest);
            maxResults = limit > int.MaxValue ? int.MaxValue : (int)limit;
        }

        return SbParseResult.Success(new SbServerListRequest(protocolVersion, encodingVersion, gameVersion,
            queryFor, queryFrom, challenge, filter, fields, options, alternateIp, maxResults));
    }

    private static SbParseResult ReadServerInfo(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 6)
            return Truncated("server address");
        return SbParseResult.Success(new SbServerInfoRequest(
            BinaryPrimitives.ReadUInt32BigEndian(payload), BinaryPrimitives.ReadUInt16BigEndian(payload[4..])));
    }

    private static SbParseResult ReadSendMessage(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 6)
            return Truncated("target address");
        var data = payload[6..];
        if (data.IsEmpty)
            return SbParseResult.Failure(SbParseError.MissingField, "send-message without data");
        if (data.Length > SbLimits.MaxSendMessageDataLength)
            return SbParseResult.Failure(SbParseError.DataTooLong,
                $"{data.Length} bytes of message data, limit {SbLimits.MaxSendMessageDataLength}");
        return SbParseResult.Success(new SbSendMessageRequest(
            BinaryPrimitives.ReadUInt32BigEndian(payload), BinaryPrimitives.ReadUInt16BigEndian(payload[4..]), data.ToArray()));
    }

    private static SbParseResult? TakeString(ref ReadOnlySpan<byte> rest, int maxLength, string what, out string value)
    {
        value = "";
        int nul = rest.IndexOf((byte)0);
        if (nul < 0)
            return Truncated(what);
        if (nul > maxLength)
            return SbParseResult.Failure(SbParseError.StringTooLong, $"{what} of {nul} bytes");
        value = Encoding.Latin1.GetString(rest[..nul]);
        rest = rest[(nul + 1)..];
        return null;
    }

    private static SbParseResult Truncated(string what) =>
        SbParseResult.Failure(SbParseError.Truncated, $"request ends before the {what}");
}
