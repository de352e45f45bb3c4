namespace Wiimmfi.Protocols.Race;

/// <summary>Names and paths of the RACE service (race.md §1).</summary>
public static class RaceWire
{
    /// <summary>XML namespace of requests and responses (with the trailing slash).</summary>
    public const string Namespace = "http://gamespy.net/RaceService/";

    /// <summary>Path of the SOAP endpoint.</summary>
    public const string Path = "/RaceService/NintendoRacingService.asmx";

    /// <summary>The only game the service exists for: Mario Kart Wii.</summary>
    public const int MarioKartWiiGameId = 1687;

    /// <summary>Entries in a top-ten answer.</summary>
    public const int TopTenSize = 10;

    /// <summary>Size of the player info carried as <c>userdata</c> / <c>playerinfobase64</c>.</summary>
    public const int PlayerInfoSize = 0x50;

    /// <summary>Response content type.</summary>
    public const string ContentType = "text/xml";
}
