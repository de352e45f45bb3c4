using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.Actors.Sessions;

/// <summary>
/// What a console publishes with GPCM <c>\status\</c>: the DWC status code (0 offline … 6 hosting a
/// friend room), the DWC matchmaking string and the game's own location blob, kept verbatim.
/// </summary>
/// <param name="Status">DWC status code (<see cref="DwcStatus"/>; other values are passed on).</param>
/// <param name="StatString">DWC matchmaking keys separated by <c>/</c>; may be empty.</param>
/// <param name="LocString">The game's status blob (NWC base64); may be empty.</param>
public sealed record SessionPresence(int Status, string StatString, string LocString)
{
    /// <summary>What a console shows right after login, before its first <c>\status\</c>.</summary>
    public static SessionPresence Online { get; } = new((int)DwcStatus.Online, "", "");

    /// <summary>What friends see once a console has gone.</summary>
    public static SessionPresence Offline { get; } = new((int)DwcStatus.Offline, "Offline", "");

    /// <summary>
    /// The status text a console of <paramref name="recipientGame"/> may receive. Mario Kart Wii
    /// overflows a stack buffer on a location string over 20 characters (a known remote-code exploit),
    /// so for MKW recipients a longer one is left out and only the status and statstring travel.
    /// </summary>
    public string ToStatusTextFor(string recipientGame)
    {
        var presence = new GpcmPresence((DwcStatus)Status, StatString, LocString);
        if (recipientGame == MarioKartWiiGameName && !presence.IsSafeForMarioKartWii)
        {
            presence = presence with { LocString = "" };
        }

        return presence.ToStatusText();
    }

    /// <summary>The gamename whose consoles get the location-string guard.</summary>
    public const string MarioKartWiiGameName = "mariokartwii";
}
