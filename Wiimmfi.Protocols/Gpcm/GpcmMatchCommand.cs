namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// A DWC match command as carried in a GPCM buddy message (<c>\bm\1</c>): the matching version,
/// the command byte and the binary payload. The 0x14-byte record header of the QR2/MS carriers is
/// not part of the GPCM form; decoding the payload's fields (RESERVATION, RESV_OK, …) is the job
/// of the shared match-command codec in <c>Wiimmfi.Protocols.Mkw</c>.
/// </summary>
/// <param name="Version">DWC matching version: 3 (DS), 11 (Smash Bros. Brawl) or 90 (Mario Kart Wii and most Wii games).</param>
/// <param name="Command">Command id, e.g. 0x01 RESERVATION, 0x02 RESV_OK, 0x03 RESV_DENY, 0x04 RESV_WAIT.</param>
/// <param name="Payload">Binary payload, a multiple of 4 bytes (compare with <c>SequenceEqual</c>; arrays compare by reference).</param>
public sealed record GpcmMatchCommand(int Version, byte Command, byte[] Payload)
{
    /// <summary>RESV_DENY (0x03): the host refuses; payload optionally starts with a u32 LE reason.</summary>
    public const byte ResvDeny = 0x03;

    /// <summary>RESV_WAIT (0x04): the host is busy, retry later; empty payload.</summary>
    public const byte ResvWait = 0x04;

    /// <summary>RESV_DENY reason 0x10: the room is full.</summary>
    public const uint DenyReasonRoomFull = 0x10;
}
