namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// QR2 packet types (the first byte of a client packet, the third of a server packet). Frozen wire numbers:
/// append only, never renumber.
/// </summary>
public enum Qr2PacketType : byte
{
    /// <summary>S→C direct query (browser → game server); not used by DWC.</summary>
    Query = 0x00,
    /// <summary>S→C challenge / C→S challenge response.</summary>
    Challenge = 0x01,
    /// <summary>S→C echo request; DWC consoles never answer it.</summary>
    Echo = 0x02,
    /// <summary>C→S heartbeat with the server's key/values.</summary>
    Heartbeat = 0x03,
    /// <summary>S→C error report (code + text).</summary>
    AddError = 0x04,
    /// <summary>C→S answer to <see cref="Echo"/>.</summary>
    EchoResponse = 0x05,
    /// <summary>S→C relayed message (NATNEG cookie or DWC match command).</summary>
    ClientMessage = 0x06,
    /// <summary>C→S acknowledgement of a <see cref="ClientMessage"/>.</summary>
    ClientMessageAck = 0x07,
    /// <summary>C→S keep-alive (and optionally S→C).</summary>
    KeepAlive = 0x08,
    /// <summary>C→S availability check / S→C availability reply.</summary>
    Available = 0x09,
    /// <summary>S→C "your challenge response was right".</summary>
    ClientRegistered = 0x0A,
}
