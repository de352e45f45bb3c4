using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// Issues and opens GPCM login tickets (<c>\lt\</c> in <c>\lc\2</c>), which SAKE later receives as
/// <c>loginTicket</c> and maps back to the profile id.
/// </summary>
/// <remarks>
/// <para>The GP SDK stores exactly 24 characters (<c>GP_LOGIN_TICKET_LEN</c> is 25 with the NUL).
/// A ticket is one AES-128 block, standard base64 (24 characters ending in <c>==</c>):</para>
/// <code>
///   0  u32  issue time, Unix seconds (LE)
///   4  u32  profile id (LE)
///   8  8    zero
/// </code>
/// <para>A single AES block behaves as a keyed random permutation, so any change to a ticket
/// decrypts to 16 unpredictable bytes: the 8 zero bytes catch a forgery except with probability
/// 2^-64. Any node with the same secret opens the ticket; lifetime defaults to 48 hours (WiiLink).</para>
/// </remarks>
public sealed class GpcmLoginTicketCodec
{
    /// <summary>Characters in every ticket.</summary>
    public const int TicketLength = 24;

    /// <summary>How long a ticket opens after it was issued.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(48);

    /// <summary>How far in the future an issue time may be (clocks of different nodes).</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromSeconds(30);

    private readonly byte[] _key;

    /// <summary>Creates a codec from a shared secret (at least 16 bytes); the key is derived with HKDF-SHA256.</summary>
    public GpcmLoginTicketCodec(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 16)
        {
            throw new ArgumentException("The ticket secret needs at least 16 bytes.", nameof(secret));
        }

        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), 16, info: "wiimmfi gpcm login ticket"u8.ToArray());
    }

    /// <summary>A codec with a random secret: tickets open only in this process.</summary>
    public static GpcmLoginTicketCodec CreateWithRandomSecret() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>A ticket for <paramref name="profileId"/> issued at <paramref name="now"/>.</summary>
    public string Issue(uint profileId, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        if (seconds is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(now), "The time does not fit the ticket format.");
        }

        Span<byte> block = stackalloc byte[16];
        block.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(block, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], profileId);
        Span<byte> cipher = stackalloc byte[16];
        using (var aes = Aes.Create())
        {
            aes.Key = _key;
            aes.EncryptEcb(block, cipher, PaddingMode.None);
        }

        return Convert.ToBase64String(cipher);
    }

    /// <summary>Opens a ticket with the default lifetime. Never throws on bad input.</summary>
    public GpcmLoginTicketCheck TryOpen(string? ticket, DateTimeOffset now, out uint profileId, out DateTimeOffset issuedAt) =>
        TryOpen(ticket, now, DefaultLifetime, out profileId, out issuedAt);

    /// <summary>Opens a ticket with an explicit lifetime.</summary>
    public GpcmLoginTicketCheck TryOpen(string? ticket, DateTimeOffset now, TimeSpan lifetime, out uint profileId, out DateTimeOffset issuedAt)
    {
        profileId = 0;
        issuedAt = default;
        Span<byte> cipher = stackalloc byte[18];
        if (ticket is null || ticket.Length != TicketLength || !Convert.TryFromBase64String(ticket, cipher, out var length) || length != 16)
        {
            return GpcmLoginTicketCheck.Malformed;
        }

        Span<byte> block = stackalloc byte[16];
        using (var aes = Aes.Create())
        {
            aes.Key = _key;
            aes.DecryptEcb(cipher[..16], block, PaddingMode.None);
        }

        if (block[8..].ContainsAnyExcept((byte)0))
        {
            return GpcmLoginTicketCheck.Forged;
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32LittleEndian(block));
        if (issued > now + AllowedClockSkew)
        {
            return GpcmLoginTicketCheck.IssuedInFuture;
        }

        if (now - issued > lifetime)
        {
            return GpcmLoginTicketCheck.Expired;
        }

        issuedAt = issued;
        profileId = BinaryPrimitives.ReadUInt32LittleEndian(block[4..]);
        return GpcmLoginTicketCheck.Valid;
    }
}
