namespace Wiimmfi.Protocols.Common;

/// <summary>How a game's friend code checksum is computed and displayed (decided by the game id).</summary>
public enum FriendCodeChecksumKind
{
    /// <summary>Wii games (id starts with R, S, H, W, X or Y): first MD5 byte shifted right by one.</summary>
    Md5 = 0,

    /// <summary>DS games and the Wii exceptions RSB*, RPB*: CRC-8 (poly 0x07) masked to 7 bits.</summary>
    Crc8 = 1,

    /// <summary>HDM*/WDM*: CRC-8, with the 12 display digits written in reverse order.</summary>
    Crc8ReversedDisplay = 2,
}
