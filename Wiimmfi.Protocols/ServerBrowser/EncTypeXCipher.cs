using System.Text;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// EncTypeX, the GameSpy "GOA" card-shuffle stream cipher that protects everything the server browser sends.
/// </summary>
/// <remarks>
/// <para><b>Key.</b> An 8-byte key is derived from the client challenge <c>C</c> (8 bytes of the request), the
/// server challenge <c>V</c> (sent in the clear header) and the secret key <c>S</c> of the query-from game:
/// start with <c>K = C</c>; for each <c>i</c> in <c>V</c>: <c>j = (i × S[i mod |S|]) mod 8</c>,
/// <c>K[j] ^= K[i mod 8] ^ V[i]</c>.</para>
/// <para><b>State.</b> A 256-card permutation shuffled from the key, and five byte registers (rotor, ratchet,
/// avalanche, last plain, last cipher). Each byte moves four cards and the registers; the key stream depends on
/// the previous plain and cipher bytes, so the state must run over every byte of the connection in order:
/// <b>one cipher per connection</b>, never one per reply (the clear header is sent once).</para>
/// <para><b>What can go wrong.</b> Any deviation (a reset between messages, a skipped byte, a different shuffle
/// bound) garbles everything after it, and the console silently drops the list. The known-answer vectors pin the
/// derived key, the initial registers and the output.</para>
/// <para>Not thread-safe: one instance belongs to one connection.</para>
/// </remarks>
public sealed class EncTypeXCipher
{
    /// <summary>Length of the derived key (and of the client challenge).</summary>
    public const int KeyLength = 8;

    private readonly byte[] _cards = new byte[256];
    private byte _rotor;
    private byte _ratchet;
    private byte _avalanche;
    private byte _lastPlain;
    private byte _lastCipher;

    /// <summary>Creates the cipher for a connection.</summary>
    /// <param name="secretKey">Secret key of the query-from game (ASCII).</param>
    /// <param name="clientChallenge">The 8 bytes of the list request.</param>
    /// <param name="serverChallenge">The server challenge of the clear header (1–255 bytes).</param>
    public EncTypeXCipher(string secretKey, ReadOnlySpan<byte> clientChallenge, ReadOnlySpan<byte> serverChallenge)
    {
        Span<byte> key = stackalloc byte[KeyLength];
        DeriveKey(secretKey, clientChallenge, serverChallenge, key);
        Initialize(key);
    }

    private EncTypeXCipher()
    {
    }

    /// <summary>Length of an exported state: the 256-card deck and the five running registers.</summary>
    public const int StateLength = 256 + 5;

    /// <summary>
    /// The cipher's complete running state, so a connection's stream can continue in another process (smart
    /// restart). It is as sensitive as the stream itself: it only ever travels over the node's own hand-over channel.
    /// </summary>
    public byte[] ExportState()
    {
        var state = new byte[StateLength];
        _cards.CopyTo(state, 0);
        state[256] = _rotor;
        state[257] = _ratchet;
        state[258] = _avalanche;
        state[259] = _lastPlain;
        state[260] = _lastCipher;
        return state;
    }

    /// <summary>Continues a stream from <see cref="ExportState"/>'s bytes.</summary>
    public static EncTypeXCipher FromState(ReadOnlySpan<byte> state)
    {
        if (state.Length != StateLength)
            throw new ArgumentException($"an EncTypeX state is {StateLength} bytes", nameof(state));
        var cipher = new EncTypeXCipher();
        state[..256].CopyTo(cipher._cards);
        cipher._rotor = state[256];
        cipher._ratchet = state[257];
        cipher._avalanche = state[258];
        cipher._lastPlain = state[259];
        cipher._lastCipher = state[260];
        return cipher;
    }

    /// <summary>
    /// Derives the 8-byte cipher key. <paramref name="secretKey"/> must be 1–64 single-byte characters,
    /// <paramref name="clientChallenge"/> exactly 8 bytes.
    /// </summary>
    public static void DeriveKey(string secretKey, ReadOnlySpan<byte> clientChallenge, ReadOnlySpan<byte> serverChallenge, Span<byte> key)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        if (secretKey.Length is 0 or > 64)
            throw new ArgumentException("the secret key is 1-64 characters", nameof(secretKey));
        if (clientChallenge.Length != KeyLength)
            throw new ArgumentException("the client challenge is 8 bytes", nameof(clientChallenge));
        if (key.Length != KeyLength)
            throw new ArgumentException("the key is 8 bytes", nameof(key));

        Span<byte> secret = stackalloc byte[secretKey.Length];
        Encoding.Latin1.GetBytes(secretKey, secret);
        clientChallenge.CopyTo(key);
        for (int i = 0; i < serverChallenge.Length; i++)
        {
            int j = i * secret[i % secret.Length] % KeyLength;
            key[j] = (byte)(key[j] ^ key[i % KeyLength] ^ serverChallenge[i]);
        }
    }

    /// <summary>Encrypts <paramref name="data"/> in place, continuing the connection's stream.</summary>
    public void Encrypt(Span<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            byte plain = data[i];
            byte cipher = (byte)(plain ^ NextKeyByte());
            _lastPlain = plain;
            _lastCipher = cipher;
            data[i] = cipher;
        }
    }

    /// <summary>Decrypts <paramref name="data"/> in place, continuing the connection's stream.</summary>
    public void Decrypt(Span<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            byte cipher = data[i];
            byte plain = (byte)(cipher ^ NextKeyByte());
            _lastPlain = plain;
            _lastCipher = cipher;
            data[i] = plain;
        }
    }

    /// <summary>The registers, for known-answer tests of the initialisation.</summary>
    internal (byte Rotor, byte Ratchet, byte Avalanche, byte LastPlain, byte LastCipher) Registers =>
        (_rotor, _ratchet, _avalanche, _lastPlain, _lastCipher);

    private void Initialize(ReadOnlySpan<byte> key)
    {
        var cards = _cards;
        for (int i = 0; i < 256; i++)
            cards[i] = (byte)i;

        byte sum = 0;
        int position = 0;
        int mask = 0xFF;
        for (int i = 255; i >= 1; i--)
        {
            // Pick a card index u in 0..i from the key stream; after 11 tries fall back to a modulus so the
            // loop always ends.
            int tries = 0;
            int u;
            do
            {
                sum = (byte)(cards[sum] + key[position]);
                if (++position == key.Length)
                {
                    position = 0;
                    sum = (byte)(sum + key.Length);
                }
                u = sum & mask;
                if (++tries > 11)
                    u %= i;
            }
            while (u > i);

            (cards[i], cards[u]) = (cards[u], cards[i]);
            if ((i & (i - 1)) == 0)
                mask >>= 1; // i is a power of two: the next indexes need one bit less
        }

        _rotor = cards[1];
        _ratchet = cards[3];
        _avalanche = cards[5];
        _lastPlain = cards[7];
        _lastCipher = cards[sum];
    }

    private byte NextKeyByte()
    {
        var cards = _cards;
        _ratchet = (byte)(_ratchet + cards[_rotor]);
        _rotor++;

        // Rotate four cards, in exactly this order (the indexes may coincide).
        byte t = cards[_lastCipher];
        cards[_lastCipher] = cards[_ratchet];
        cards[_ratchet] = cards[_lastPlain];
        cards[_lastPlain] = cards[_rotor];
        cards[_rotor] = t;

        _avalanche = (byte)(_avalanche + cards[t]);
        return (byte)(cards[(byte)(cards[_avalanche] + t)] ^
                      cards[cards[(byte)(cards[_lastPlain] + cards[_lastCipher] + cards[_ratchet])]]);
    }
}
