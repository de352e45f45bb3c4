using System.Buffers.Binary;
using System.Text;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// Builds client→server requests as the GameSpy SDK writes them — for the console emulator, the load tool and
/// tests. Arguments are the caller's own; values that cannot be sent throw <see cref="ArgumentException"/>.
/// </summary>
public static class SbRequestWriter
{
    /// <summary>A SERVER_LIST_REQUEST frame.</summary>
    public static byte[] ServerList(string queryForGame, string queryFromGame, ReadOnlySpan<byte> clientChallenge,
        string filter, IEnumerable<string> fields, SbListOptions options, uint? alternateSourceIp = null,
        int? maxResults = null, byte protocolVersion = 1, byte encodingVersion = 3, int gameVersion = 0)
    {
        if (clientChallenge.Length != SbLimits.ClientChallengeLength)
            throw new ArgumentException("the client challenge is 8 bytes", nameof(clientChallenge));
        if (((options & SbListOptions.AlternateSourceIp) != 0) != alternateSourceIp.HasValue)
            throw new ArgumentException("the alternate source IP goes with option 0x08", nameof(alternateSourceIp));
        if (((options & SbListOptions.LimitResultCount) != 0) != maxResults.HasValue)
            throw new ArgumentException("the result limit goes with option 0x80", nameof(maxResults));

        var body = new List<byte> { 0, 0, (byte)SbRequestType.ServerList, protocolVersion, encodingVersion };
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(four, gameVersion);
        body.AddRange(four);
        AddString(body, queryForGame);
        AddString(body, queryFromGame);
        body.AddRange(clientChallenge);
        AddString(body, filter);
        AddString(body, string.Concat(fields.Select(f => "\\" + f)));
        BinaryPrimitives.WriteUInt32BigEndian(four, (uint)options);
        body.AddRange(four);
        if (alternateSourceIp is uint ip)
        {
            BinaryPrimitives.WriteUInt32BigEndian(four, ip);
            body.AddRange(four);
        }
        if (maxResults is int max)
        {
            BinaryPrimitives.WriteInt32LittleEndian(four, max);
            body.AddRange(four);
        }
        return Finish(body);
    }

    /// <summary>A SEND_MESSAGE_REQUEST frame (target as listed, then the data).</summary>
    public static byte[] SendMessage(uint targetIp, ushort targetPort, ReadOnlySpan<byte> data)
    {
        var frame = new byte[9 + data.Length];
        frame[2] = (byte)SbRequestType.SendMessage;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(3), targetIp);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(7), targetPort);
        data.CopyTo(frame.AsSpan(9));
        return Finish(frame);
    }

    /// <summary>A SERVER_INFO_REQUEST frame.</summary>
    public static byte[] ServerInfo(uint ip, ushort port)
    {
        var frame = new byte[9];
        frame[2] = (byte)SbRequestType.ServerInfo;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(3), ip);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(7), port);
        return Finish(frame);
    }

    /// <summary>
    /// The client's echo of a decrypted server KEEPALIVE message: the SDK sends the message back unchanged, so
    /// its own length and type byte 3 make it a KEEPALIVE_REPLY request.
    /// </summary>
    public static byte[] KeepAliveEcho(ReadOnlySpan<byte> decryptedKeepAliveMessage) => decryptedKeepAliveMessage.ToArray();

    private static byte[] Finish(List<byte> body) => Finish(body.ToArray());

    private static byte[] Finish(byte[] frame)
    {
        if (frame.Length > ushort.MaxValue)
            throw new ArgumentException("request too long");
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)frame.Length);
        return frame;
    }

    private static void AddString(List<byte> body, string text)
    {
        foreach (char c in text)
        {
            if (c is '\0' or > '\u00FF')
                throw new ArgumentException("request strings are single-byte text without NUL");
        }
        body.AddRange(Encoding.Latin1.GetBytes(text));
        body.Add(0);
    }
}
