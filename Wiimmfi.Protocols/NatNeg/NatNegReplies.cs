namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// Builders for the packets a NATNEG server sends (natneg.md §5–6), each byte-compatible with the
/// Nintendo server as recorded by AltWFC and WiiLink. A reply always keeps the version and cookie
/// of the packet it answers.
/// </summary>
public static class NatNegReplies
{
    /// <summary>
    /// INITACK for an INIT: header (type 1) + the INIT's port type and client index + the constant
    /// Nintendo filler bytes; 21 bytes.
    /// </summary>
    public static NatNegInitPacket InitAck(NatNegInitPacket init)
    {
        ArgumentNullException.ThrowIfNull(init);
        var filler = NatNegWire.InitAckFiller;
        return new NatNegInitPacket(
            init.Header with { Type = NatNegPacketType.InitAck }, NatNegWire.InitSize,
            init.PortType, init.ClientIndex, filler[0], NatNegAddress.Read(filler[1..]), "");
    }

    /// <summary>
    /// CONNECT telling a console whom to ping: <paramref name="peerAddress"/> is the partner's
    /// public game address; got-your-data 0x42 as the Nintendo server sent.
    /// </summary>
    public static NatNegConnectPacket Connect(byte version, uint cookie, NatNegAddress peerAddress) =>
        new(new NatNegHeader(version, NatNegPacketType.Connect, cookie), NatNegWire.ConnectSize,
            peerAddress, NatNegWire.ConnectGotYourDataMarker, (byte)NatNegFinished.NoError);

    /// <summary>
    /// CONNECT that ends a negotiation with an error (remote 0.0.0.0:0), e.g. deadbeat partner, so
    /// the console stops waiting at once (OpenSpy's behaviour).
    /// </summary>
    public static NatNegConnectPacket ConnectFailure(byte version, uint cookie, NatNegFinished reason) =>
        new(new NatNegHeader(version, NatNegPacketType.Connect, cookie), NatNegWire.ConnectSize,
            NatNegAddress.None, NatNegWire.ConnectGotYourDataMarker, (byte)reason);

    /// <summary>
    /// REPORT_ACK for a REPORT: its first 21 bytes with type 0x0E and the result byte zeroed —
    /// byte-identical to the Nintendo reply.
    /// </summary>
    public static NatNegReportPacket ReportAck(NatNegReportPacket report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report with
        {
            Header = report.Header with { Type = NatNegPacketType.ReportAck },
            WireLength = NatNegWire.InitSize,
            Result = 0,
        };
    }

    /// <summary>
    /// The REPORT_ACK WiiLink sends to a paired console whose session expired before it reported
    /// (body <c>00 idx 00 00 00 00 06 00 00</c>); it makes the console cancel.
    /// </summary>
    public static NatNegReportPacket ReportAckForExpiredSession(byte version, uint cookie, byte clientIndex) =>
        new(new NatNegHeader(version, NatNegPacketType.ReportAck, cookie), NatNegWire.InitSize,
            NatNegPortType.GamePort, clientIndex, 0, (uint)NatType.Unknown, 0, "");

    /// <summary>
    /// ADDRESS_REPLY for an ADDRESS_CHECK: a copy of the request with type 0x0B and the public
    /// address the server observed written over the local address. Keeps the request's cookie
    /// (the console's mapping id) and length.
    /// </summary>
    public static NatNegInitPacket AddressReply(NatNegInitPacket addressCheck, NatNegAddress observedSource)
    {
        ArgumentNullException.ThrowIfNull(addressCheck);
        return addressCheck with
        {
            Header = addressCheck.Header with { Type = NatNegPacketType.AddressReply },
            LocalAddress = observedSource,
            GameName = "",
        };
    }

    /// <summary>
    /// ERTTEST answering a NATIFY_REQUEST: the same bytes with type 0x02. Which socket sends it
    /// decides what the console learns (natneg.md §6), not the bytes.
    /// </summary>
    public static NatNegInitPacket ErtTest(NatNegInitPacket natifyRequest)
    {
        ArgumentNullException.ThrowIfNull(natifyRequest);
        return natifyRequest with { Header = natifyRequest.Header with { Type = NatNegPacketType.ErtTest }, GameName = "" };
    }

    /// <summary>ERTACK, the console's echo of an ERTTEST (for the console emulator).</summary>
    public static NatNegInitPacket ErtAck(NatNegInitPacket ertTest)
    {
        ArgumentNullException.ThrowIfNull(ertTest);
        return ertTest with { Header = ertTest.Header with { Type = NatNegPacketType.ErtAck }, GameName = "" };
    }

    /// <summary>
    /// PREINIT_ACK: echoes client index and client id with the given state (WiiLink always answers
    /// <see cref="NatNegPreInitState.Ready"/>).
    /// </summary>
    public static NatNegPreInitPacket PreInitAck(NatNegPreInitPacket preInit, NatNegPreInitState state)
    {
        ArgumentNullException.ThrowIfNull(preInit);
        return preInit with
        {
            Header = preInit.Header with { Type = NatNegPacketType.PreInitAck },
            WireLength = NatNegWire.PreInitSize,
            State = (byte)state,
        };
    }

    /// <summary>BACKUP_ACK: the BACKUP_TEST echoed with type 9 (AltWFC).</summary>
    public static NatNegOpaquePacket BackupAck(NatNegOpaquePacket backupTest)
    {
        ArgumentNullException.ThrowIfNull(backupTest);
        return new NatNegOpaquePacket(backupTest.Header with { Type = NatNegPacketType.BackupAck }, backupTest.Body);
    }

    /// <summary>
    /// CONNECT_ACK as a console sends it (for the console emulator): INIT shape, only the client
    /// index meaningful.
    /// </summary>
    public static NatNegInitPacket ConnectAck(byte version, uint cookie, byte clientIndex) =>
        new(new NatNegHeader(version, NatNegPacketType.ConnectAck, cookie), NatNegWire.InitSize,
            NatNegPortType.GamePort, clientIndex, 0, NatNegAddress.None, "");
}
