using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// Decodes decrypted list replies and ad-hoc messages — the console side, for the emulator and tests. Reads from
/// the start of the decrypted stream; returns <see cref="SbReplyReadStatus.NeedMoreData"/> until the terminator
/// (or the end of a message) has arrived.
/// </summary>
public static class SbListReplyReader
{
    /// <summary>Reads a list reply. With <paramref name="expectList"/> false (a NO_SERVER_LIST request) only the
    /// fixed header is read.</summary>
    public static SbReplyReadStatus TryRead(ReadOnlySpan<byte> plaintext, bool expectList, out SbServerListReply? reply, out int consumed)
    {
        reply = null;
        consumed = 0;
        var reader = new Cursor(plaintext);
        if (!reader.TryU32(out uint clientIp) || !reader.TryU16(out ushort port))
            return SbReplyReadStatus.NeedMoreData;

        if (port == SbListReplyWriter.ErrorPort)
        {
            if (!reader.TryString(out string error))
                return SbReplyReadStatus.NeedMoreData;
            reply = new SbServerListReply(clientIp, port, error, [], [], []);
            consumed = reader.Offset;
            return SbReplyReadStatus.Complete;
        }
        if (!expectList)
        {
            reply = new SbServerListReply(clientIp, port, null, [], [], []);
            consumed = reader.Offset;
            return SbReplyReadStatus.Complete;
        }

        if (!reader.TryByte(out byte keyCount))
            return SbReplyReadStatus.NeedMoreData;
        var keys = new List<SbKey>(keyCount);
        for (int i = 0; i < keyCount; i++)
        {
            if (!reader.TryByte(out byte type) || !reader.TryString(out string name))
                return SbReplyReadStatus.NeedMoreData;
            if (type > (byte)SbKeyType.Short)
                return SbReplyReadStatus.Invalid;
            keys.Add(new SbKey(name, (SbKeyType)type));
        }

        if (!reader.TryByte(out byte popularCount))
            return SbReplyReadStatus.NeedMoreData;
        var popular = new List<string>(popularCount);
        for (int i = 0; i < popularCount; i++)
        {
            if (!reader.TryString(out string value))
                return SbReplyReadStatus.NeedMoreData;
            popular.Add(value);
        }

        var servers = new List<SbListedServer>();
        while (true)
        {
            var status = TryReadEntry(ref reader, keys, popular, plainStrings: false, out var server, out bool terminator);
            if (status != SbReplyReadStatus.Complete)
                return status;
            if (terminator)
                break;
            servers.Add(server!);
        }
        reply = new SbServerListReply(clientIp, port, null, keys, popular, servers);
        consumed = reader.Offset;
        return SbReplyReadStatus.Complete;
    }

    /// <summary>
    /// Reads one ad-hoc message (<c>u16 length</c> + type + payload) from the stream after the list.
    /// </summary>
    public static SbReplyReadStatus TryReadAdHoc(ReadOnlySpan<byte> plaintext, out SbAdHocMessageType type,
        out ReadOnlySpan<byte> payload, out int consumed)
    {
        type = 0;
        payload = default;
        consumed = 0;
        if (plaintext.Length < 3)
            return SbReplyReadStatus.NeedMoreData;
        int length = BinaryPrimitives.ReadUInt16BigEndian(plaintext);
        if (length < 3)
            return SbReplyReadStatus.Invalid;
        if (plaintext.Length < length)
            return SbReplyReadStatus.NeedMoreData;
        type = (SbAdHocMessageType)plaintext[2];
        payload = plaintext[3..length];
        consumed = length;
        return SbReplyReadStatus.Complete;
    }

    /// <summary>Decodes the payload of a PUSH_SERVER message (e.g. a SERVER_INFO answer) given the client's keys.</summary>
    public static bool TryReadPushServer(ReadOnlySpan<byte> payload, IReadOnlyList<SbKey> keys, out SbListedServer? server)
    {
        var reader = new Cursor(payload);
        var status = TryReadEntry(ref reader, keys, [], plainStrings: true, out server, out bool terminator);
        return status == SbReplyReadStatus.Complete && !terminator;
    }

    private static SbReplyReadStatus TryReadEntry(ref Cursor reader, IReadOnlyList<SbKey> keys, List<string> popular,
        bool plainStrings, out SbListedServer? server, out bool terminator)
    {
        server = null;
        terminator = false;
        if (!reader.TryByte(out byte flagByte) || !reader.TryU32(out uint ip))
            return SbReplyReadStatus.NeedMoreData;
        if (ip == uint.MaxValue)
        {
            terminator = true; // the client stops at any entry whose IP is 255.255.255.255
            return SbReplyReadStatus.Complete;
        }
        var flags = (SbServerFlags)flagByte;
        ushort port = 0, privatePort = 0;
        uint privateIp = 0, icmpIp = 0;
        if ((flags & SbServerFlags.NonStandardPort) != 0 && !reader.TryU16(out port))
            return SbReplyReadStatus.NeedMoreData;
        if ((flags & SbServerFlags.PrivateIp) != 0 && !reader.TryU32(out privateIp))
            return SbReplyReadStatus.NeedMoreData;
        if ((flags & SbServerFlags.NonStandardPrivatePort) != 0 && !reader.TryU16(out privatePort))
            return SbReplyReadStatus.NeedMoreData;
        if ((flags & SbServerFlags.IcmpIp) != 0 && !reader.TryU32(out icmpIp))
            return SbReplyReadStatus.NeedMoreData;

        var values = new List<string>();
        if ((flags & SbServerFlags.HasKeys) != 0)
        {
            foreach (var key in keys)
            {
                switch (key.Type)
                {
                    case SbKeyType.Byte:
                        if (!reader.TryByte(out byte b))
                            return SbReplyReadStatus.NeedMoreData;
                        values.Add(b.ToString(CultureInfo.InvariantCulture));
                        break;
                    case SbKeyType.Short:
                        if (!reader.TryU16(out ushort s))
                            return SbReplyReadStatus.NeedMoreData;
                        values.Add(s.ToString(CultureInfo.InvariantCulture));
                        break;
                    default:
                        if (plainStrings)
                        {
                            if (!reader.TryString(out string plain))
                                return SbReplyReadStatus.NeedMoreData;
                            values.Add(plain);
                            break;
                        }
                        if (!reader.TryByte(out byte marker))
                            return SbReplyReadStatus.NeedMoreData;
                        if (marker == 0xFF)
                        {
                            if (!reader.TryString(out string literal))
                                return SbReplyReadStatus.NeedMoreData;
                            values.Add(literal);
                        }
                        else if (marker < popular.Count)
                        {
                            values.Add(popular[marker]);
                        }
                        else
                        {
                            return SbReplyReadStatus.Invalid;
                        }
                        break;
                }
            }
        }

        var rules = new List<KeyValuePair<string, string>>();
        if ((flags & SbServerFlags.HasFullRules) != 0)
        {
            while (true)
            {
                if (!reader.TryString(out string name))
                    return SbReplyReadStatus.NeedMoreData;
                if (name.Length == 0)
                    break;
                if (!reader.TryString(out string value))
                    return SbReplyReadStatus.NeedMoreData;
                rules.Add(new(name, value));
            }
        }
        server = new SbListedServer(new SbServerEntry(flags, ip, port, privateIp, privatePort, icmpIp), values, rules);
        return SbReplyReadStatus.Complete;
    }

    private ref struct Cursor(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        public int Offset;

        public bool TryByte(out byte value)
        {
            value = 0;
            if (Offset + 1 > _data.Length)
                return false;
            value = _data[Offset++];
            return true;
        }

        public bool TryU16(out ushort value)
        {
            value = 0;
            if (Offset + 2 > _data.Length)
                return false;
            value = BinaryPrimitives.ReadUInt16BigEndian(_data[Offset..]);
            Offset += 2;
            return true;
        }

        public bool TryU32(out uint value)
        {
            value = 0;
            if (Offset + 4 > _data.Length)
                return false;
            value = BinaryPrimitives.ReadUInt32BigEndian(_data[Offset..]);
            Offset += 4;
            return true;
        }

        public bool TryString(out string value)
        {
            value = "";
            int nul = _data[Offset..].IndexOf((byte)0);
            if (nul < 0)
                return false;
            value = Encoding.Latin1.GetString(_data.Slice(Offset, nul));
            Offset += nul + 1;
            return true;
        }
    }
}
