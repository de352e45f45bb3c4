namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// The 0x14-byte header of a DWC match command record.
/// </summary>
/// <param name="Platform">Wii or DS identifier.</param>
/// <param name="Version">DWC matching version (u32 LE): 90 MKW and most Wii games, 11 Brawl, 3 DS.</param>
/// <param name="Command">The command code.</param>
/// <param name="PayloadSize">Bytes after the header (must equal the record length − 0x14).</param>
/// <param name="Qr2Port">Sender's QR2 public port (u16 <b>little-endian</b> on the wire).</param>
/// <param name="Qr2Ip">Sender's QR2 public IPv4 (network order; big-endian u32 here).</param>
/// <param name="ProfileId">Sender's profile id (u32 LE).</param>
public readonly record struct MatchCommandHeader(
    MatchCommandPlatform Platform,
    uint Version,
    MatchCommandType Command,
    byte PayloadSize,
    ushort Qr2Port,
    uint Qr2Ip,
    uint ProfileId);

/// <summary>A whole match command record: header and payload (relay the payload unchanged unless rewriting).</summary>
public sealed record MatchCommand(MatchCommandHeader Header, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Shortcut for <c>Header.Command</c>.</summary>
    public MatchCommandType Command => Header.Command;
}

/// <summary>Why a match command record (or payload) was refused. Frozen numbers (metric labels).</summary>
public enum MatchCommandError
{
    /// <summary>Accepted.</summary>
    None = 0,
    /// <summary>Shorter than the 0x14-byte header (or than the command's fixed payload).</summary>
    TooShort = 1,
    /// <summary>Longer than header + 0x80 (oversize records crash unpatched consoles: never relay).</summary>
    TooLong = 2,
    /// <summary>Neither <c>BB 49 CC 4D</c> nor <c>SBCM</c>.</summary>
    BadIdentifier = 3,
    /// <summary>Version other than 3, 11 or 90.</summary>
    UnsupportedVersion = 4,
    /// <summary>Header payload size disagrees with the record length.</summary>
    SizeMismatch = 5,
    /// <summary>Payload length not a multiple of 4.</summary>
    SizeNotMultipleOfFour = 6,
    /// <summary>A typed payload's value is out of range (e.g. a port above 0xFFFF, too many profile ids).</summary>
    BadValue = 7,
}
