using System.Buffers.Binary;
using System.Text;

namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// Turns one UDP datagram into a <see cref="NatNegPacket"/>.
/// </summary>
/// <remarks>
/// <para>
/// NATNEG is a fixed-layout binary protocol: a 12-byte header (magic, version, type, cookie)
/// followed by one of four body shapes chosen by the type (INIT, CONNECT, REPORT, PREINIT), plus
/// three types whose body nobody has documented. Consoles send several types either in their
/// natural size or zero-padded to 73 bytes, so the parser accepts any length from the shape's
/// minimum up to <see cref="NatNegWire.MaxPacketSize"/> and remembers the length it saw.
/// </para>
/// <para>
/// Invariants: the parser never throws on input, never reads beyond the datagram, and never
/// allocates more than the packet record (plus the game name). Every refusal has a
/// <see cref="NatNegRejectReason"/> so the front-end can count it; NATNEG has no error reply, so
/// refused datagrams are dropped.
/// </para>
/// <para>
/// Validation is deliberately shallow: only what is wrong for every server (bad magic, unknown
/// version or type, short body) plus the INIT checks of natneg.md §5 (port type, use-game-port,
/// game name bound), because an INIT opens server state. Semantic decisions — a client index
/// above 1, a version that differs inside a session, a server-to-client type arriving at the
/// server — belong to the negotiation entity, which sees the packet's fields.
/// </para>
/// </remarks>
public static class NatNegParser
{
    /// <summary>Parses one datagram.</summary>
    public static NatNegParseResult Parse(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < NatNegWire.HeaderSize)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.TooShort);
        }
        if (!NatNegHeader.TryRead(datagram, out var header))
        {
            return NatNegParseResult.Reject(NatNegRejectReason.BadMagic);
        }
        if (datagram.Length > NatNegWire.MaxPacketSize)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.TooLong);
        }
        if (header.Version < NatNegWire.MinVersion || header.Version > NatNegWire.MaxVersion)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.UnsupportedVersion);
        }

        return header.Type switch
        {
            NatNegPacketType.Init => ParseInit(header, datagram),
            NatNegPacketType.InitAck or NatNegPacketType.ErtTest or NatNegPacketType.ErtAck
                or NatNegPacketType.ConnectAck or NatNegPacketType.AddressCheck
                or NatNegPacketType.AddressReply or NatNegPacketType.NatifyRequest => ParseInitShape(header, datagram),
            NatNegPacketType.Connect or NatNegPacketType.ConnectPing => ParseConnect(header, datagram),
            NatNegPacketType.Report or NatNegPacketType.ReportAck => ParseReport(header, datagram),
            NatNegPacketType.PreInit or NatNegPacketType.PreInitAck => ParsePreInit(header, datagram),
            NatNegPacketType.StateUpdate or NatNegPacketType.BackupTest or NatNegPacketType.BackupAck =>
                NatNegParseResult.Accept(new NatNegOpaquePacket(header, datagram[NatNegWire.HeaderSize..].ToArray())),
            _ => NatNegParseResult.Reject(NatNegRejectReason.UnknownType),
        };
    }

    private static NatNegParseResult ParseInit(NatNegHeader header, ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < NatNegWire.InitSize)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.BodyTooShort);
        }
        var portType = datagram[12];
        var useGamePort = datagram[14];
        if (portType > (byte)NatNegPortType.Nn3)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.InvalidPortType);
        }
        if (useGamePort > 1)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.InvalidUseGamePort);
        }
        if (portType == (byte)NatNegPortType.GamePort && useGamePort == 0)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.GamePortWithoutUseGamePort);
        }

        // The name runs to the first NUL; a name without NUL ends with the datagram (natneg.md §8).
        var tail = datagram[NatNegWire.InitSize..];
        var nul = tail.IndexOf((byte)0);
        var nameBytes = nul < 0 ? tail : tail[..nul];
        if (nameBytes.Length > NatNegWire.MaxGameNameLength)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.GameNameTooLong);
        }

        return NatNegParseResult.Accept(new NatNegInitPacket(
            header, datagram.Length, (NatNegPortType)portType, datagram[13], useGamePort,
            NatNegAddress.Read(datagram[15..]), nameBytes.IsEmpty ? "" : Encoding.Latin1.GetString(nameBytes)));
    }

    private static NatNegParseResult ParseInitShape(NatNegHeader header, ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < NatNegWire.InitSize)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.BodyTooShort);
        }
        // Only INIT carries a game name; the zero padding of 73-byte probes is not a name.
        return NatNegParseResult.Accept(new NatNegInitPacket(
            header, datagram.Length, (NatNegPortType)datagram[12], datagram[13], datagram[14],
            NatNegAddress.Read(datagram[15..]), ""));
    }

    private static NatNegParseResult ParseConnect(NatNegHeader header, ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < NatNegWire.ConnectSize)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.BodyTooShort);
        }
        return NatNegParseResult.Accept(new NatNegConnectPacket(
            header, datagram.Length, NatNegAddress.Read(datagram[12..]), datagram[18], datagram[19]));
    }

    private static NatNegParseResult ParseReport(NatNegHeader header, ReadOnlySpan<byte> datagram)
    {
        // REPORT_ACK is commonly the first 21 bytes of a REPORT; accept that and read what is there.
        if (datagram.Length < NatNegWire.InitSize)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.BodyTooShort);
        }
        Span<byte> full = stackalloc byte[NatNegWire.ReportSize];
        full.Clear();
        datagram[..Math.Min(datagram.Length, NatNegWire.ReportSize)].CopyTo(full);

        var nameField = full[23..];
        var nul = nameField.IndexOf((byte)0);
        var nameBytes = nul < 0 ? nameField : nameField[..nul];

        return NatNegParseResult.Accept(new NatNegReportPacket(
            header, datagram.Length, (NatNegPortType)full[12], full[13], full[14],
            BinaryPrimitives.ReadUInt32BigEndian(full[15..]), BinaryPrimitives.ReadUInt32BigEndian(full[19..]),
            nameBytes.IsEmpty ? "" : Encoding.Latin1.GetString(nameBytes)));
    }

    private static NatNegParseResult ParsePreInit(NatNegHeader header, ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < NatNegWire.PreInitSize)
        {
            return NatNegParseResult.Reject(NatNegRejectReason.BodyTooShort);
        }
        return NatNegParseResult.Accept(new NatNegPreInitPacket(
            header, datagram.Length, datagram[12], datagram[13], BinaryPrimitives.ReadUInt32BigEndian(datagram[14..])));
    }
}
