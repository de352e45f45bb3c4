namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// The clear header that precedes the encrypted stream, sent once per connection:
/// <c>N ^ 0xEC</c>, N random bytes (bytes 1–2 are read by the client as "backend game flags", keep them
/// <c>00 00</c>), <c>M ^ 0xEA</c>, M server-challenge bytes.
/// </summary>
public static class EncTypeXHeader
{
    /// <summary>Random-byte count the reference servers (WiiLink, AltWFC) use.</summary>
    public const int DefaultRandomLength = 5;

    /// <summary>Server-challenge length the reference servers use.</summary>
    public const int DefaultServerChallengeLength = 13;

    /// <summary>Largest possible header: two length bytes and two 255-byte fields.</summary>
    public const int MaxLength = 2 + 255 + 255;

    private const byte RandomLengthXor = 0xEC;
    private const byte ChallengeLengthXor = 0xEA;

    /// <summary>Header length for the given parts.</summary>
    public static int LengthOf(int randomLength, int serverChallengeLength) => 2 + randomLength + serverChallengeLength;

    /// <summary>Writes the header; returns its length.</summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> random, ReadOnlySpan<byte> serverChallenge)
    {
        if (random.Length is < 2 or > 255)
            throw new ArgumentException("2-255 random bytes (the client reads bytes 1-2 as flags)", nameof(random));
        if (serverChallenge.Length is < 1 or > 255)
            throw new ArgumentException("1-255 server-challenge bytes", nameof(serverChallenge));
        int offset = 0;
        destination[offset++] = (byte)(random.Length ^ RandomLengthXor);
        random.CopyTo(destination[offset..]);
        offset += random.Length;
        destination[offset++] = (byte)(serverChallenge.Length ^ ChallengeLengthXor);
        serverChallenge.CopyTo(destination[offset..]);
        return offset + serverChallenge.Length;
    }

    /// <summary>
    /// Reads a header from the start of <paramref name="received"/> (client side). False while incomplete;
    /// then <paramref name="headerLength"/> is 0.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> received, out int headerLength, out ReadOnlySpan<byte> random,
        out ReadOnlySpan<byte> serverChallenge)
    {
        headerLength = 0;
        random = default;
        serverChallenge = default;
        if (received.IsEmpty)
            return false;
        int randomLength = received[0] ^ RandomLengthXor;
        if (received.Length < 2 + randomLength)
            return false;
        int challengeLength = received[1 + randomLength] ^ ChallengeLengthXor;
        int total = 2 + randomLength + challengeLength;
        if (received.Length < total)
            return false;
        random = received.Slice(1, randomLength);
        serverChallenge = received.Slice(2 + randomLength, challengeLength);
        headerLength = total;
        return true;
    }
}
