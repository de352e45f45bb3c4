namespace Wiimmfi.Protocols.Mkw;

/// <summary>What kind of peer-to-peer datagram MKW consoles exchange (for the packet analyser).</summary>
public enum PeerDatagramKind
{
    /// <summary>Too short to tell.</summary>
    Unknown = 0,
    /// <summary><c>FD FC 1E 66 6A B2</c>: NATNEG CONNECT_PING between the peers.</summary>
    NatNegPing = 1,
    /// <summary><c>FE FE</c> + type &lt; 8: GT2 reliable message (app data, challenge, response, accept, reject, close, keep-alive).</summary>
    Gt2Reliable = 2,
    /// <summary><c>FE FE</c> + type ≥ 100: GT2 control (ack, nack, ping, pong, closed — the wiki's QUIT is <c>FE FE 68</c>).</summary>
    Gt2Control = 3,
    /// <summary><c>FE FE FE FE</c>: unreliable data that itself starts with <c>FE FE</c> (strip two bytes).</summary>
    Gt2EscapedUnreliable = 4,
    /// <summary>Anything else: GT2 unreliable app data, i.e. an MKW RACE packet (<see cref="RacePacket"/>).</summary>
    RacePacket = 5,
}

/// <summary>Classifies a datagram between two consoles by its first bytes (mkw.md §4).</summary>
public static class PeerDatagram
{
    /// <summary>Classifies <paramref name="datagram"/>.</summary>
    public static PeerDatagramKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.StartsWith((ReadOnlySpan<byte>)[0xFD, 0xFC, 0x1E, 0x66, 0x6A, 0xB2]))
            return PeerDatagramKind.NatNegPing;
        if (datagram.Length >= 3 && datagram[0] == 0xFE && datagram[1] == 0xFE)
        {
            if (datagram.Length >= 4 && datagram[2] == 0xFE && datagram[3] == 0xFE)
                return PeerDatagramKind.Gt2EscapedUnreliable;
            if (datagram[2] < 8)
                return PeerDatagramKind.Gt2Reliable;
            if (datagram[2] >= 100)
                return PeerDatagramKind.Gt2Control;
            return PeerDatagramKind.Unknown;
        }
        return datagram.Length >= RacePacket.HeaderSize ? PeerDatagramKind.RacePacket : PeerDatagramKind.Unknown;
    }
}
