using System.Buffers.Binary;

namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// Typed views of the payloads the server checks or rewrites (RESERVATION, RESV_OK, RESV_DENY, TELL_ADDR,
/// SUSPEND_MATCH, SC_CLOSE_CL). Every other command is opaque: relay it unchanged. Works on the payload alone, so
/// the same code serves the binary carriers and the GPCM <c>GPCM90vMAT</c> carrier (after its text decoding).
/// </summary>
/// <remarks>Never throws on bad bytes: a payload shorter than its version's fixed part, or with out-of-range
/// values, returns false with a <see cref="MatchCommandError"/>.</remarks>
public static class MatchCommandPayloads
{
    /// <summary>v90 RESERVATION fixed part.</summary>
    public const int ReservationV90Length = 0x24;
    /// <summary>v90 RESV_OK fixed part.</summary>
    public const int ResvOkV90Length = 0x34;
    /// <summary>v3 RESV_OK carries at most this many profile ids.</summary>
    public const int MaxResvOkIdsV3 = 29;
    /// <summary>v11 RESV_OK carries at most this many profile ids.</summary>
    public const int MaxResvOkIdsV11 = 24;
    /// <summary>SC_CLOSE_CL carries at most this many profile ids.</summary>
    public const int MaxClosedClients = 32;

    /// <summary>Reads a RESERVATION payload of the given version.</summary>
    public static bool TryReadReservation(uint version, ReadOnlySpan<byte> payload,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReservationPayload? reservation, out MatchCommandError error)
    {
        reservation = null;
        int minimum = version switch { 90 => ReservationV90Length, 11 => 0x14, 3 => 0x04, _ => -1 };
        if (minimum < 0)
            return Fail(MatchCommandError.UnsupportedVersion, out error);
        if (payload.Length < minimum)
            return Fail(MatchCommandError.TooShort, out error);

        uint matchType = U32(payload, 0);
        uint? ip = null, port = null;
        if (payload.Length >= 0x0C)
        {
            ip = Ip(payload, 4);
            port = U32(payload, 8);
            if (port > ushort.MaxValue)
                return Fail(MatchCommandError.BadValue, out error);
        }
        reservation = version switch
        {
            90 => new ReservationPayload(matchType, ip, port, Ip(payload, 0x0C), U32(payload, 0x10), U32(payload, 0x14),
                U32(payload, 0x18) != 0, U32(payload, 0x1C), Ip(payload, 0x20), payload[0x24..].ToArray()),
            11 => new ReservationPayload(matchType, ip, port, null, null, null,
                U32(payload, 0x0C) != 0, U32(payload, 0x10), null, payload[0x14..].ToArray()),
            _ => new ReservationPayload(matchType, ip, port, null, null, null, null, null, null,
                payload[Math.Min(payload.Length, 0x0C)..].ToArray()),
        };
        error = MatchCommandError.None;
        return true;
    }

    /// <summary>Writes a v90 RESERVATION payload (0x24 bytes + user data); returns its length.</summary>
    public static int WriteReservationV90(Span<byte> destination, uint matchType, uint publicIp, ushort publicPort,
        uint localIp, ushort localPort, bool isFriend, uint localPlayerCount, uint checkValue, ReadOnlySpan<byte> userData = default)
    {
        WriteU32(destination, 0, matchType);
        WriteIp(destination, 4, publicIp);
        WriteU32(destination, 8, publicPort);
        WriteIp(destination, 0x0C, localIp);
        WriteU32(destination, 0x10, localPort);
        WriteU32(destination, 0x14, 1); // observed 1 in every capture
        WriteU32(destination, 0x18, isFriend ? 1u : 0u);
        WriteU32(destination, 0x1C, localPlayerCount);
        WriteIp(destination, 0x20, checkValue);
        userData.CopyTo(destination[ReservationV90Length..]);
        return ReservationV90Length + userData.Length;
    }

    /// <summary>Reads a RESV_OK payload of the given version.</summary>
    public static bool TryReadResvOk(uint version, ReadOnlySpan<byte> payload,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ResvOkPayload? resvOk, out MatchCommandError error)
    {
        resvOk = null;
        if (version == 90)
        {
            if (payload.Length < ResvOkV90Length)
                return Fail(MatchCommandError.TooShort, out error);
            resvOk = new ResvOkPayload(U32(payload, 0), U32(payload, 4), U32(payload, 8), [], Ip(payload, 0x0C), U32(payload, 0x10),
                Ip(payload, 0x14), U32(payload, 0x18), U32(payload, 0x1C), U32(payload, 0x20), U32(payload, 0x24),
                U32(payload, 0x28), U32(payload, 0x2C), Ip(payload, 0x30), null, payload[ResvOkV90Length..].ToArray());
            error = MatchCommandError.None;
            return true;
        }
        if (version is not (3 or 11))
            return Fail(MatchCommandError.UnsupportedVersion, out error);

        if (payload.Length < 4)
            return Fail(MatchCommandError.TooShort, out error);
        uint count = U32(payload, 0);
        if (count > (version == 3 ? MaxResvOkIdsV3 : MaxResvOkIdsV11))
            return Fail(MatchCommandError.BadValue, out error);
        int fixedLength = 4 + (int)count * 4 + 8 + (version == 11 ? 16 : 0);
        if (payload.Length < fixedLength)
            return Fail(MatchCommandError.TooShort, out error);
        var ids = new uint[count];
        for (int i = 0; i < ids.Length; i++)
            ids[i] = U32(payload, 4 + i * 4);
        int offset = 4 + (int)count * 4;
        uint ip = Ip(payload, offset);
        uint port = U32(payload, offset + 4);
        offset += 8;
        if (version == 11)
        {
            resvOk = new ResvOkPayload(U32(payload, offset + 12), U32(payload, offset + 4), null, ids, ip, port, null, null, null, null,
                U32(payload, offset + 8), null, count, null, U32(payload, offset) != 0, payload[fixedLength..].ToArray());
        }
        else
        {
            resvOk = new ResvOkPayload(null, null, null, ids, ip, port, null, null, null, null, null, null, count, null, null,
                payload[fixedLength..].ToArray());
        }
        error = MatchCommandError.None;
        return true;
    }

    /// <summary>Writes a v90 RESV_OK payload (0x34 bytes + user data); returns its length.</summary>
    public static int WriteResvOkV90(Span<byte> destination, ResvOkPayload resvOk)
    {
        WriteU32(destination, 0, resvOk.MaxPlayers ?? 0);
        WriteU32(destination, 4, resvOk.SenderAid ?? 0);
        WriteU32(destination, 8, resvOk.SenderProfileId ?? 0);
        WriteIp(destination, 0x0C, resvOk.PublicIp);
        WriteU32(destination, 0x10, resvOk.PublicPort);
        WriteIp(destination, 0x14, resvOk.LocalIp ?? 0);
        WriteU32(destination, 0x18, resvOk.LocalPort ?? 0);
        WriteU32(destination, 0x1C, resvOk.Unknown1C ?? 1);
        WriteU32(destination, 0x20, resvOk.LocalPlayerCount ?? 1);
        WriteU32(destination, 0x24, resvOk.GroupId ?? 0);
        WriteU32(destination, 0x28, resvOk.ReceiverAid ?? 0);
        WriteU32(destination, 0x2C, resvOk.ClientCount);
        WriteIp(destination, 0x30, resvOk.CheckValue ?? 0);
        resvOk.UserData.Span.CopyTo(destination[ResvOkV90Length..]);
        return ResvOkV90Length + resvOk.UserData.Length;
    }

    /// <summary>Reads a RESV_DENY payload (empty = unspecified reason).</summary>
    public static ResvDenyPayload ReadResvDeny(ReadOnlySpan<byte> payload) =>
        new(payload.Length >= 4 ? (ResvDenyReason)U32(payload, 0) : null);

    /// <summary>Writes a RESV_DENY payload with a reason (4 bytes).</summary>
    public static int WriteResvDeny(Span<byte> destination, ResvDenyReason reason)
    {
        WriteU32(destination, 0, (uint)reason);
        return 4;
    }

    /// <summary>Reads a TELL_ADDR payload (8 bytes).</summary>
    public static bool TryReadTellAddr(ReadOnlySpan<byte> payload,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TellAddrPayload? tellAddr, out MatchCommandError error)
    {
        tellAddr = null;
        if (payload.Length < 8)
            return Fail(MatchCommandError.TooShort, out error);
        uint port = U32(payload, 4);
        if (port > ushort.MaxValue)
            return Fail(MatchCommandError.BadValue, out error);
        tellAddr = new TellAddrPayload(Ip(payload, 0), port);
        error = MatchCommandError.None;
        return true;
    }

    /// <summary>Writes a TELL_ADDR payload (8 bytes).</summary>
    public static int WriteTellAddr(Span<byte> destination, uint localIp, ushort localPort)
    {
        WriteIp(destination, 0, localIp);
        WriteU32(destination, 4, localPort);
        return 8;
    }

    /// <summary>Reads a SUSPEND_MATCH payload (8 or 16 bytes).</summary>
    public static bool TryReadSuspendMatch(ReadOnlySpan<byte> payload,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SuspendMatchPayload? suspend, out MatchCommandError error)
    {
        suspend = null;
        if (payload.Length < 8)
            return Fail(MatchCommandError.TooShort, out error);
        bool extended = payload.Length >= 16;
        suspend = new SuspendMatchPayload(U32(payload, 0), U32(payload, 4) != 0,
            extended ? U32(payload, 8) : null, extended ? U32(payload, 12) : null);
        error = MatchCommandError.None;
        return true;
    }

    /// <summary>Reads an SC_CLOSE_CL payload (list of u32 LE profile ids, ≤ 32).</summary>
    public static bool TryReadScCloseClient(ReadOnlySpan<byte> payload,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ScCloseClientPayload? closed, out MatchCommandError error)
    {
        closed = null;
        if (payload.Length % 4 != 0)
            return Fail(MatchCommandError.SizeNotMultipleOfFour, out error);
        if (payload.Length / 4 > MaxClosedClients)
            return Fail(MatchCommandError.BadValue, out error);
        var ids = new uint[payload.Length / 4];
        for (int i = 0; i < ids.Length; i++)
            ids[i] = U32(payload, i * 4);
        closed = new ScCloseClientPayload(ids);
        error = MatchCommandError.None;
        return true;
    }

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);

    private static uint Ip(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);

    private static void WriteU32(Span<byte> data, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(data[offset..], value);

    private static void WriteIp(Span<byte> data, int offset, uint value) => BinaryPrimitives.WriteUInt32BigEndian(data[offset..], value);

    private static bool Fail(MatchCommandError reason, out MatchCommandError error)
    {
        error = reason;
        return false;
    }
}
