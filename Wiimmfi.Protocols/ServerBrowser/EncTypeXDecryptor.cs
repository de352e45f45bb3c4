namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// The client side of one MS connection (console emulator, tests): consumes the clear header as it arrives, then
/// decrypts the stream. Feed it every received byte in order; the header may be split across reads.
/// </summary>
public sealed class EncTypeXDecryptor
{
    private readonly string _secretKey;
    private readonly byte[] _clientChallenge;
    private readonly byte[] _pendingHeader = new byte[EncTypeXHeader.MaxLength];
    private int _pendingLength;
    private EncTypeXCipher? _cipher;

    /// <summary>Creates the decryptor for a connection whose list request carried <paramref name="clientChallenge"/>.</summary>
    public EncTypeXDecryptor(string secretKey, ReadOnlySpan<byte> clientChallenge)
    {
        if (clientChallenge.Length != EncTypeXCipher.KeyLength)
            throw new ArgumentException("the client challenge is 8 bytes", nameof(clientChallenge));
        _secretKey = secretKey;
        _clientChallenge = clientChallenge.ToArray();
    }

    /// <summary>True once the whole clear header has arrived.</summary>
    public bool HeaderComplete => _cipher is not null;

    /// <summary>The header's "backend game flags" (random bytes 1–2, big-endian), once it has arrived.</summary>
    public ushort BackendFlags { get; private set; }

    /// <summary>
    /// Consumes received bytes and writes the plaintext that follows the header into <paramref name="plaintext"/>
    /// (which needs room for <paramref name="received"/>.Length bytes). Returns the plaintext byte count.
    /// </summary>
    public int Decrypt(ReadOnlySpan<byte> received, Span<byte> plaintext)
    {
        if (_cipher is null)
        {
            int take = Math.Min(received.Length, _pendingHeader.Length - _pendingLength);
            received[..take].CopyTo(_pendingHeader.AsSpan(_pendingLength));
            int before = _pendingLength;
            _pendingLength += take;
            if (!EncTypeXHeader.TryRead(_pendingHeader.AsSpan(0, _pendingLength), out int headerLength,
                    out var random, out var serverChallenge))
                return 0;
            BackendFlags = random.Length >= 2 ? (ushort)(random[0] << 8 | random[1]) : (ushort)0;
            _cipher = new EncTypeXCipher(_secretKey, _clientChallenge, serverChallenge);
            // Bytes of this read that came after the header are ciphertext.
            received = received[(headerLength - before)..];
        }

        received.CopyTo(plaintext);
        _cipher.Decrypt(plaintext[..received.Length]);
        return received.Length;
    }
}
