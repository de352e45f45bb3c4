using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Nas;

/// <summary>
/// Seals a <see cref="NasAuthToken"/> into a self-contained token string and opens it again, so
/// that any node holding the same secret can accept a login without shared storage.
/// </summary>
/// <remarks>
/// <para><b>Format.</b> A 128-byte record (below), encrypted with AES-128-CBC (no padding, fixed
/// zero IV) and written as <c>NDS</c> + NWC base64: 175 characters, the same size WiiLink's tokens
/// have, which Mario Kart Wii is known to accept (the GP SDK holds up to 255). The characters are
/// from the NWC alphabet, so the token is safe inside NAS replies and GPCM messages.</para>
/// <code>
///   0  u8   format version (1)         56  64 in-game name, raw UTF-16, zero-padded
///   1  u8   unit code (0 DS, 1 Wii)   120  8  HMAC-SHA256(bytes 0..119) truncated
///   2  u8   region                    ---
///   3  u8   language                  Integers little-endian. Strings ASCII, NUL-padded.
///   4  u8   in-game name length
///   5  3    zero
///   8  u32  issue time, Unix seconds
///  12  u64  user id
///  20  u64  console friend code
///  28  4    game code
///  32  8    NAS challenge
///  40  16   gsbrcd
/// </code>
/// <para><b>Invariants.</b> Only a holder of the secret can make a token that opens: the
/// truncated HMAC is inside the ciphertext, so flipping any bit garbles at least one block and
/// the check fails (2^-64 chance of a forgery passing). A token opens only within its lifetime
/// (10 minutes, as WiiLink) and not when issued in the future beyond a small clock skew.</para>
/// <para><b>What can go wrong.</b> Nodes with different secrets reject each other's tokens
/// (<see cref="NasTokenCheck.Forged"/>); a random per-process secret means tokens do not survive a
/// restart, which costs only a fresh NAS login. The token can be replayed within its lifetime;
/// the GPCM login proof still needs the NAS challenge inside it, which only the console saw.</para>
/// </remarks>
public sealed class NasAuthTokenCodec
{
    /// <summary>How long a token opens after it was issued.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How far in the future an issue time may be (clocks of different nodes).</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Length of every token this codec makes.</summary>
    public const int TokenLength = 3 + 172;

    private const int RecordLength = 128;
    private const int MacOffset = 120;
    private const int MaxInGameNameBytes = 64;
    private const byte FormatVersion = 1;

    private readonly byte[] _aesKey;
    private readonly byte[] _macKey;

    /// <summary>Creates a codec from a shared secret (at least 16 bytes); keys are derived with HKDF-SHA256.</summary>
    public NasAuthTokenCodec(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 16)
        {
            throw new ArgumentException("The token secret needs at least 16 bytes.", nameof(secret));
        }

        _aesKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), 16, info: "wiimmfi nas token aes"u8.ToArray());
        _macKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), 32, info: "wiimmfi nas token mac"u8.ToArray());
    }

    /// <summary>A codec with a random secret: tokens open only in this process.</summary>
    public static NasAuthTokenCodec CreateWithRandomSecret() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Seals <paramref name="token"/> into a token string (175 characters).</summary>
    public string Seal(NasAuthToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.GameCode.Length != 4 || token.NasChallenge.Length != NasChallenge.Length || token.Gsbrcd.Length > NasLoginRequest.MaxGsbrcdLength)
        {
            throw new ArgumentException("Game code must have 4, challenge 8 and gsbrcd at most 16 characters.", nameof(token));
        }

        var seconds = token.IssuedAt.ToUnixTimeSeconds();
        if (seconds is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(token), "The issue time does not fit the token format.");
        }

        Span<byte> record = stackalloc byte[RecordLength];
        record.Clear();
        var nameLength = Math.Min(token.InGameNameRaw.Length, MaxInGameNameBytes);
        record[0] = FormatVersion;
        record[1] = (byte)token.Platform;
        record[2] = token.Region;
        record[3] = token.Language;
        record[4] = (byte)nameLength;
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)seconds);
        BinaryPrimitives.WriteUInt64LittleEndian(record[12..], token.UserId);
        BinaryPrimitives.WriteUInt64LittleEndian(record[20..], token.ConsoleFriendCode);
        Encoding.Latin1.GetBytes(token.GameCode, record.Slice(28, 4));
        Encoding.Latin1.GetBytes(token.NasChallenge, record.Slice(32, 8));
        Encoding.Latin1.GetBytes(token.Gsbrcd, record.Slice(40, 16));
        token.InGameNameRaw.AsSpan(0, nameLength).CopyTo(record.Slice(56, MaxInGameNameBytes));
        ComputeMac(record[..MacOffset], record[MacOffset..]);

        Span<byte> cipher = stackalloc byte[RecordLength];
        using (var aes = Aes.Create())
        {
            aes.Key = _aesKey;
            aes.EncryptCbc(record, stackalloc byte[16], cipher, PaddingMode.None);
        }

        return NasTokens.Prefix + NwcBase64.Encode(cipher);
    }

    /// <summary>
    /// Opens a token received at GPCM, checking integrity and age. <paramref name="token"/> is set
    /// exactly when the result is <see cref="NasTokenCheck.Valid"/>. Never throws on bad input.
    /// </summary>
    public NasTokenCheck TryOpen(string? tokenText, DateTimeOffset now, out NasAuthToken? token) =>
        TryOpen(tokenText, now, DefaultLifetime, out token);

    /// <summary>Opens a token with an explicit lifetime.</summary>
    public NasTokenCheck TryOpen(string? tokenText, DateTimeOffset now, TimeSpan lifetime, out NasAuthToken? token)
    {
        token = null;
        if (tokenText is null || tokenText.Length != TokenLength || !tokenText.StartsWith(NasTokens.Prefix, StringComparison.Ordinal))
        {
            return NasTokenCheck.Malformed;
        }

        Span<byte> cipher = stackalloc byte[NwcBase64.GetMaxDecodedLength(TokenLength - 3)];
        if (!NwcBase64.TryDecode(tokenText.AsSpan(3), cipher, out var length) || length != RecordLength)
        {
            return NasTokenCheck.Malformed;
        }

        Span<byte> record = stackalloc byte[RecordLength];
        using (var aes = Aes.Create())
        {
            aes.Key = _aesKey;
            aes.DecryptCbc(cipher[..RecordLength], stackalloc byte[16], record, PaddingMode.None);
        }

        Span<byte> mac = stackalloc byte[8];
        ComputeMac(record[..MacOffset], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, record[MacOffset..]) || record[0] != FormatVersion || record[4] > MaxInGameNameBytes)
        {
            return NasTokenCheck.Forged;
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32LittleEndian(record[8..]));
        if (issuedAt > now + AllowedClockSkew)
        {
            return NasTokenCheck.IssuedInFuture;
        }

        if (now - issuedAt > lifetime)
        {
            return NasTokenCheck.Expired;
        }

        token = new NasAuthToken(
            issuedAt,
            BinaryPrimitives.ReadUInt64LittleEndian(record[12..]),
            ReadAscii(record.Slice(40, 16)),
            ReadAscii(record.Slice(28, 4)),
            (NasPlatform)record[1],
            BinaryPrimitives.ReadUInt64LittleEndian(record[20..]),
            record[2],
            record[3],
            ReadAscii(record.Slice(32, 8)),
            record.Slice(56, record[4]).ToArray());
        return NasTokenCheck.Valid;
    }

    private void ComputeMac(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_macKey, data, full);
        full[..destination.Length].CopyTo(destination);
    }

    private static string ReadAscii(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? field : field[..end]);
    }
}
