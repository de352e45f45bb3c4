using System.Text;

namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// The INIT body shape, shared by INIT, INITACK, ERTTEST, ERTACK, CONNECT_ACK, ADDRESS_CHECK,
/// ADDRESS_REPLY and NATIFY_REQUEST (natneg.md §3.1).
/// </summary>
/// <param name="PortType">Which socket sent it (offset 12).</param>
/// <param name="ClientIndex">0 or 1 in a pairing (offset 13); the only valid byte of a CONNECT_ACK.</param>
/// <param name="UseGamePort">1 when the console negotiates for its game socket (offset 14). Raw byte:
/// INITACK carries 0xFF here.</param>
/// <param name="LocalAddress">The console's private address (offsets 15–20); in ADDRESS_REPLY the
/// public address the server observed.</param>
/// <param name="GameName">Game name after the fixed part (INIT only); empty when absent.</param>
public sealed record NatNegInitPacket(
    NatNegHeader Header,
    int WireLength,
    NatNegPortType PortType,
    byte ClientIndex,
    byte UseGamePort,
    NatNegAddress LocalAddress,
    string GameName) : NatNegPacket(Header, WireLength)
{
    /// <summary>True when use-game-port is 1.</summary>
    public bool UsesGamePort => UseGamePort == 1;

    protected override int NaturalLength =>
        GameName.Length == 0 ? NatNegWire.InitSize : NatNegWire.InitSize + GameName.Length + 1;

    protected override void WriteBody(Span<byte> body)
    {
        body[0] = (byte)PortType;
        body[1] = ClientIndex;
        body[2] = UseGamePort;
        LocalAddress.Write(body[3..]);
        if (GameName.Length > 0)
        {
            // Latin-1 keeps one byte per character, as the console's C string has (NUL follows: the body was cleared).
            Encoding.Latin1.GetBytes(GameName, body[(NatNegWire.InitSize - NatNegWire.HeaderSize)..]);
        }
    }

    /// <summary>
    /// Builds an INIT as a console sends it (length = 21 + name + NUL). Used by tests and the load tool.
    /// </summary>
    public static NatNegInitPacket CreateInit(
        byte version, uint cookie, NatNegPortType portType, byte clientIndex, bool useGamePort,
        NatNegAddress localAddress, string gameName)
    {
        ArgumentNullException.ThrowIfNull(gameName);
        if (gameName.Length > NatNegWire.MaxGameNameLength)
        {
            throw new ArgumentException($"Game name longer than {NatNegWire.MaxGameNameLength}.", nameof(gameName));
        }
        var length = NatNegWire.InitSize + gameName.Length + 1;
        return new NatNegInitPacket(
            new NatNegHeader(version, NatNegPacketType.Init, cookie), length,
            portType, clientIndex, useGamePort ? (byte)1 : (byte)0, localAddress, gameName);
    }
}
