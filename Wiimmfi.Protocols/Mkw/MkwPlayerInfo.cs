namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// The 0x50-byte player info Mario Kart Wii sends with a ghost upload or score (<c>playerinfo</c>) and RACE serves
/// back as <c>userdata</c>: the Mii (0x4C bytes), controller id, an unknown byte, state code, country code.
/// </summary>
public static class MkwPlayerInfo
{
    /// <summary>Size of a player info.</summary>
    public const int Size = 0x50;

    /// <summary>Offset of the controller id (0 Wii Wheel, 1 Wii Remote + Nunchuk, 2 Classic, 3 GameCube).</summary>
    public const int ControllerIdOffset = 0x4C;

    /// <summary>Highest controller id.</summary>
    public const int LastControllerId = 3;

    /// <summary>True when the size, the Mii CRC and the controller id are right (WiiLink's checks).</summary>
    public static bool IsValid(ReadOnlySpan<byte> playerInfo) =>
        playerInfo.Length == Size
        && MiiData.HasValidCrc(playerInfo[..MiiData.Size])
        && playerInfo[ControllerIdOffset] <= LastControllerId;

    /// <summary>A copy with the Mii's personal data removed (<see cref="MiiData.RemovePersonalData"/>), for serving to others.</summary>
    public static byte[] WithoutPersonalData(ReadOnlySpan<byte> playerInfo)
    {
        if (playerInfo.Length != Size)
        {
            throw new ArgumentException($"A player info is {Size} bytes, not {playerInfo.Length}.", nameof(playerInfo));
        }
        var copy = playerInfo.ToArray();
        MiiData.RemovePersonalData(copy.AsSpan(0, MiiData.Size));
        return copy;
    }
}
