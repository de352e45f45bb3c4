using System.Security.Cryptography;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// The server side of one MS connection's encryption: makes the clear header once and encrypts every later
/// server→client byte with one continuing cipher.
/// </summary>
/// <example>
/// <code>
/// var encryptor = EncTypeXEncryptor.Create(game.SecretKey, request.ClientChallenge.Span);
/// send(encryptor.Header);            // once, first
/// encryptor.Encrypt(replyBytes);     // in place, then send; later messages continue the stream
/// </code>
/// </example>
public sealed class EncTypeXEncryptor
{
    private readonly EncTypeXCipher _cipher;

    private EncTypeXEncryptor(byte[] header, EncTypeXCipher cipher)
    {
        Header = header;
        _cipher = cipher;
    }

    /// <summary>The clear header to send before the first encrypted byte (exactly once per connection).</summary>
    public ReadOnlyMemory<byte> Header { get; }

    /// <summary>
    /// Creates the connection's encryptor with a random header: <c>00 00</c> flags + 3 random bytes, and a
    /// 13-byte random server challenge (the reference servers' 20-byte header).
    /// </summary>
    public static EncTypeXEncryptor Create(string secretKey, ReadOnlySpan<byte> clientChallenge)
    {
        Span<byte> random = stackalloc byte[EncTypeXHeader.DefaultRandomLength];
        Span<byte> serverChallenge = stackalloc byte[EncTypeXHeader.DefaultServerChallengeLength];
        random[..2].Clear(); // "backend game flags": 0x0080 would mean "this game uses QR2 query challenges"
        RandomNumberGenerator.Fill(random[2..]);
        RandomNumberGenerator.Fill(serverChallenge);
        return Create(secretKey, clientChallenge, random, serverChallenge);
    }

    /// <summary>Creates the encryptor with a given header (tests, replay).</summary>
    public static EncTypeXEncryptor Create(string secretKey, ReadOnlySpan<byte> clientChallenge,
        ReadOnlySpan<byte> headerRandom, ReadOnlySpan<byte> serverChallenge)
    {
        var header = new byte[EncTypeXHeader.LengthOf(headerRandom.Length, serverChallenge.Length)];
        EncTypeXHeader.Write(header, headerRandom, serverChallenge);
        return new EncTypeXEncryptor(header, new EncTypeXCipher(secretKey, clientChallenge, serverChallenge));
    }

    /// <summary>The running cipher state (see <see cref="EncTypeXCipher.ExportState"/>); the header was sent already.</summary>
    public byte[] ExportState() => _cipher.ExportState();

    /// <summary>An encryptor that continues a stream whose header was sent by a previous owner of the connection.</summary>
    public static EncTypeXEncryptor Resume(ReadOnlySpan<byte> state) => new(Array.Empty<byte>(), EncTypeXCipher.FromState(state));

    /// <summary>Encrypts the next bytes of the connection's stream in place.</summary>
    public void Encrypt(Span<byte> data) => _cipher.Encrypt(data);
}
