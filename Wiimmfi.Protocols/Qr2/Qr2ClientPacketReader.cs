using System.Buffers.Binary;
using System.Text;

namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// Parses the datagrams consoles send to MASTER (UDP 27900).
/// </summary>
/// <remarks>
/// <para>Every input is untrusted. The reader never throws on bad bytes: it returns a
/// <see cref="Qr2ParseResult{TPacket}"/> with a <see cref="Qr2ParseError"/>, and every string, count and
/// section is bounded by <see cref="Qr2Limits"/>.</para>
/// <para>Strings are decoded as Latin-1 so that every byte maps to one character and writing them back (e.g. into a
/// server-browser reply) reproduces the console's bytes exactly.</para>
/// <para>Heartbeat layout: server key/value strings (NUL-terminated) ending with an empty key; then an optional
/// player section and team section, each <c>u16 BE count</c>, key names ending with an empty name, then
/// <c>count × keys</c> values. The reader is tolerant where the SDK and reference servers are: a missing final
/// terminator ends the server keys; a lone trailing NUL where a section would start is ignored; bytes after the
/// team section are ignored.</para>
/// </remarks>
public static class Qr2ClientPacketReader
{
    private const int HeaderLength = 1 + Qr2InstanceKey.Length;

    /// <summary>Parses one datagram.</summary>
    public static Qr2ParseResult<Qr2ClientPacket> Read(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < HeaderLength)
            return Fail(Qr2ParseError.TooShort, $"{datagram.Length} bytes, the header alone is {HeaderLength}");
        if (datagram.Length > Qr2Limits.MaxDatagramLength)
            return Fail(Qr2ParseError.TooLong, $"{datagram.Length} bytes, limit {Qr2Limits.MaxDatagramLength}");

        var key = Qr2InstanceKey.Read(datagram[1..]);
        var payload = datagram[HeaderLength..];
        return (Qr2PacketType)datagram[0] switch
        {
            Qr2PacketType.Heartbeat => ReadHeartbeat(key, payload),
            Qr2PacketType.Challenge => ReadChallengeResponse(key, payload),
            Qr2PacketType.KeepAlive => Qr2ParseResult<Qr2ClientPacket>.Success(new Qr2KeepAlive(key)),
            Qr2PacketType.ClientMessageAck => ReadClientMessageAck(key, payload),
            Qr2PacketType.Available => ReadAvailabilityCheck(key, payload),
            Qr2PacketType.EchoResponse => ReadEchoResponse(key, payload),
            _ => Fail(Qr2ParseError.UnsupportedType, $"type 0x{datagram[0]:x2} is not a client→server packet"),
        };
    }

    private static Qr2ParseResult<Qr2ClientPacket> ReadChallengeResponse(Qr2InstanceKey key, ReadOnlySpan<byte> payload)
    {
        var text = UpToNul(payload);
        if (text.Length > Qr2Limits.MaxChallengeResponseLength)
            return Fail(Qr2ParseError.StringTooLong, $"challenge response of {text.Length} bytes");
        return Qr2ParseResult<Qr2ClientPacket>.Success(new Qr2ChallengeResponse(key, Encoding.Latin1.GetString(text)));
    }

    private static Qr2ParseResult<Qr2ClientPacket> ReadClientMessageAck(Qr2InstanceKey key, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4)
            return Fail(Qr2ParseError.TooShort, "client message ack without its 4-byte message key");
        return Qr2ParseResult<Qr2ClientPacket>.Success(
            new Qr2ClientMessageAck(key, BinaryPrimitives.ReadUInt32BigEndian(payload)));
    }

    private static Qr2ParseResult<Qr2ClientPacket> ReadAvailabilityCheck(Qr2InstanceKey key, ReadOnlySpan<byte> payload)
    {
        var name = UpToNul(payload);
        if (name.IsEmpty)
            return Fail(Qr2ParseError.MissingField, "availability check without a gamename");
        if (name.Length > Qr2Limits.MaxGameNameLength)
            return Fail(Qr2ParseError.StringTooLong, $"gamename of {name.Length} bytes");
        return Qr2ParseResult<Qr2ClientPacket>.Success(new Qr2AvailabilityCheck(key, Encoding.Latin1.GetString(name)));
    }

    private static Qr2ParseResult<Qr2ClientPacket> ReadEchoResponse(Qr2InstanceKey key, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > Qr2Limits.MaxEchoLength)
            return Fail(Qr2ParseError.StringTooLong, $"echo of {payload.Length} bytes");
        return Qr2ParseResult<Qr2ClientPacket>.Success(new Qr2EchoResponse(key, payload.ToArray()));
    }

    private static Qr2ParseResult<Qr2ClientPacket> ReadHeartbeat(Qr2InstanceKey key, ReadOnlySpan<byte> payload)
    {
        var rest = payload;
        var serverKeys = new List<KeyValuePair<string, string>>();
        int ignored = 0;

        while (!rest.IsEmpty)
        {
            if (!TryTakeString(ref rest, Qr2Limits.MaxKeyLength, out var name))
                return Fail(Qr2ParseError.StringTooLong, "server key name over the limit");
            if (name.IsEmpty)
                break; // the empty key ends the server keys
            if (!TryTakeString(ref rest, Qr2Limits.MaxValueLength, out var value))
                return Fail(Qr2ParseError.StringTooLong, $"value of key '{Encoding.Latin1.GetString(name)}' over the limit");
            if (serverKeys.Count + ignored >= Qr2Limits.MaxServerKeys)
                return Fail(Qr2ParseError.TooManyKeys, $"more than {Qr2Limits.MaxServerKeys} server keys");

            if (name[0] == (byte)Qr2KeyNames.ReservedPrefix || Contains(serverKeys, name))
            {
                ignored++;
                continue;
            }
            serverKeys.Add(new(Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));
        }

        var players = Qr2KeyTable.Empty;
        var teams = Qr2KeyTable.Empty;
        if (!IsIgnorableTail(rest))
        {
            var error = TryReadSection(ref rest, "player", out players, out string? detail);
            if (error == Qr2ParseError.None && !IsIgnorableTail(rest))
                error = TryReadSection(ref rest, "team", out teams, out detail);
            if (error != Qr2ParseError.None)
                return Fail(error, detail!);
        }

        return Qr2ParseResult<Qr2ClientPacket>.Success(new Qr2Heartbeat(key, serverKeys, players, teams, ignored));
    }

    /// <summary>Nothing, or a single stray NUL, where a section could start: treat as "no section".</summary>
    private static bool IsIgnorableTail(ReadOnlySpan<byte> rest) => rest.IsEmpty || (rest.Length == 1 && rest[0] == 0);

    private static Qr2ParseError TryReadSection(ref ReadOnlySpan<byte> rest, string what, out Qr2KeyTable table, out string? detail)
    {
        table = Qr2KeyTable.Empty;
        detail = null;
        if (rest.Length < 2)
        {
            detail = $"{what} section without its 2-byte count";
            return Qr2ParseError.Truncated;
        }
        int count = BinaryPrimitives.ReadUInt16BigEndian(rest);
        rest = rest[2..];
        if (count > Qr2Limits.MaxSectionRows)
        {
            detail = $"{what} section declares {count} rows, limit {Qr2Limits.MaxSectionRows}";
            return Qr2ParseError.SectionTooLarge;
        }

        var names = new List<string>();
        while (true)
        {
            if (rest.IsEmpty)
            {
                detail = $"{what} key names end without their terminator";
                return Qr2ParseError.Truncated;
            }
            if (!TryTakeString(ref rest, Qr2Limits.MaxKeyLength, out var name))
            {
                detail = $"{what} key name over the limit";
                return Qr2ParseError.StringTooLong;
            }
            if (name.IsEmpty)
                break;
            if (names.Count >= Qr2Limits.MaxSectionKeys)
            {
                detail = $"more than {Qr2Limits.MaxSectionKeys} {what} key names";
                return Qr2ParseError.SectionTooLarge;
            }
            names.Add(Encoding.Latin1.GetString(name));
        }

        if (count == 0 || names.Count == 0)
        {
            table = names.Count == 0 && count == 0 ? Qr2KeyTable.Empty : new Qr2KeyTable(names, []);
            return Qr2ParseError.None;
        }

        // Every value needs at least its NUL, and the datagram is bounded, so this loop is bounded too.
        var rows = new List<IReadOnlyList<string>>(count);
        for (int row = 0; row < count; row++)
        {
            var values = new string[names.Count];
            for (int column = 0; column < names.Count; column++)
            {
                int nul = rest.IndexOf((byte)0);
                if (nul < 0)
                {
                    detail = $"{what} row {row} ends before its values";
                    return Qr2ParseError.Truncated;
                }
                if (nul > Qr2Limits.MaxValueLength)
                {
                    detail = $"{what} value over the limit";
                    return Qr2ParseError.StringTooLong;
                }
                values[column] = Encoding.Latin1.GetString(rest[..nul]);
                rest = rest[(nul + 1)..];
            }
            rows.Add(values);
        }
        table = new Qr2KeyTable(names, rows);
        return Qr2ParseError.None;
    }

    /// <summary>
    /// Takes one NUL-terminated string; a string that runs to the end of the data without a NUL is taken whole
    /// (the SDK and reference servers tolerate a missing final terminator). False when it is over the bound.
    /// </summary>
    private static bool TryTakeString(ref ReadOnlySpan<byte> rest, int maxLength, out ReadOnlySpan<byte> value)
    {
        int nul = rest.IndexOf((byte)0);
        int length = nul < 0 ? rest.Length : nul;
        if (length > maxLength)
        {
            value = default;
            return false;
        }
        value = rest[..length];
        rest = nul < 0 ? [] : rest[(nul + 1)..];
        return true;
    }

    private static ReadOnlySpan<byte> UpToNul(ReadOnlySpan<byte> data)
    {
        int nul = data.IndexOf((byte)0);
        return nul < 0 ? data : data[..nul];
    }

    private static bool Contains(List<KeyValuePair<string, string>> keys, ReadOnlySpan<byte> name)
    {
        foreach (var pair in keys)
        {
            if (LatinEquals(pair.Key, name))
                return true;
        }
        return false;
    }

    private static bool LatinEquals(string text, ReadOnlySpan<byte> bytes)
    {
        if (text.Length != bytes.Length)
            return false;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (text[i] != bytes[i])
                return false;
        }
        return true;
    }

    private static Qr2ParseResult<Qr2ClientPacket> Fail(Qr2ParseError error, string detail) =>
        Qr2ParseResult<Qr2ClientPacket>.Failure(error, detail);
}
