using System.Security.Cryptography;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>The GPCM session key (<c>sesskey</c>), echoed by the console in later commands and at GPSP.</summary>
public static class GpcmSessionKey
{
    /// <summary>Smallest key handed out (WiiLink's range, 8–9 decimal digits).</summary>
    public const int Minimum = 10_000_000;

    /// <summary>One past the largest key handed out; keys stay positive signed 32-bit as GPSP parses them.</summary>
    public const int Maximum = 300_000_000;

    /// <summary>A new random session key in [<see cref="Minimum"/>, <see cref="Maximum"/>).</summary>
    public static int Create() => RandomNumberGenerator.GetInt32(Minimum, Maximum);
}
