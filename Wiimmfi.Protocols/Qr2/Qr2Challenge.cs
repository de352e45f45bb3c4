using System.Globalization;
using System.Security.Cryptography;

namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// The 20-character challenge MASTER sends a new server. It also tells the console its public address:
/// <code>
/// chars 0-5    6 random letters/digits
/// chars 6-7    backend option flags, 2 hex digits ("00"; 0x80 would force query challenges)
/// chars 8-15   public IPv4 of the UDP source, 8 upper-case hex digits, network order
/// chars 16-19  public UDP port, 4 upper-case hex digits
/// </code>
/// The console reads chars 6-19 with <c>sscanf</c>, so wrong values here break matchmaking.
/// </summary>
public static class Qr2Challenge
{
    /// <summary>Length of a DWC challenge.</summary>
    public const int Length = 20;

    /// <summary>Length of the random prefix.</summary>
    public const int RandomLength = 6;

    /// <summary>Characters for the random prefix: nothing the console's <c>sscanf</c> could misread.</summary>
    private const string RandomAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Creates a challenge for a console seen at <paramref name="publicIp"/>:<paramref name="publicPort"/>
    /// with a cryptographically random prefix.</summary>
    /// <param name="publicIp">The UDP source address as a big-endian u32 (first octet in the high byte).</param>
    /// <param name="publicPort">The UDP source port.</param>
    public static string Create(uint publicIp, ushort publicPort)
    {
        Span<char> random = stackalloc char[RandomLength];
        RandomNumberGenerator.GetItems(RandomAlphabet, random);
        return Create(random, publicIp, publicPort);
    }

    /// <summary>Creates a challenge with a given random prefix (tests, replay).</summary>
    public static string Create(ReadOnlySpan<char> randomPart, uint publicIp, ushort publicPort)
    {
        if (randomPart.Length != RandomLength)
            throw new ArgumentException($"the random part is {RandomLength} characters", nameof(randomPart));
        foreach (char c in randomPart)
        {
            if (c is < '!' or > '~')
                throw new ArgumentException("the random part is printable ASCII", nameof(randomPart));
        }
        return string.Create(CultureInfo.InvariantCulture, $"{randomPart}00{publicIp:X8}{publicPort:X4}");
    }

    /// <summary>
    /// Reads what the console learns from a challenge (console side): the backend flags and its public address.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> challenge, out byte backendOptions, out uint publicIp, out ushort publicPort)
    {
        backendOptions = 0;
        publicIp = 0;
        publicPort = 0;
        return challenge.Length >= Length &&
               byte.TryParse(challenge.Slice(6, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out backendOptions) &&
               uint.TryParse(challenge.Slice(8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out publicIp) &&
               ushort.TryParse(challenge.Slice(16, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out publicPort);
    }
}
