using System.Buffers;

namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>
/// Builds the plaintext of a SERVER_LIST reply (encrypt it afterwards with the connection's
/// <see cref="EncTypeXEncryptor"/>).
/// </summary>
/// <remarks>
/// <para>Order on the wire, enforced by this writer (misuse is a programming error and throws
/// <see cref="InvalidOperationException"/>):</para>
/// <code>
/// WriteHeader(clientIp, defaultPort)          4 + 2 bytes
/// WriteKeys(keys)                             count + (type + name NUL)*
/// WritePopularValues(values)                  count + (value NUL)*
/// { BeginServer(entry); Write*Value(..)*; [WriteRule(k, v)*; EndRules()] }*
/// WriteTerminator()                           00 FF FF FF FF
/// </code>
/// <para>String values equal to a popular value are sent as its index byte, others as <c>FF</c> + text + NUL.
/// Writing goes straight into the caller's <see cref="IBufferWriter{T}"/> with no per-value allocation.</para>
/// </remarks>
public sealed class SbListReplyWriter
{
    /// <summary>The default-port value that tells the client "error message follows".</summary>
    public const ushort ErrorPort = 0xFFFF;

    /// <summary>The default port AltWFC and the SDK-era servers send (6500).</summary>
    public const ushort StandardQueryPort = 6500;

    private const byte LiteralStringMarker = 0xFF;

    private enum Phase { Start, Header, Keys, Popular, ServerValues, ServerRules, Terminated }

    private readonly IBufferWriter<byte> _output;
    private Phase _phase = Phase.Start;
    private SbKey[] _keys = [];
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>? _popular;
    private int _nextValue;
    private bool _expectRules;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public SbListReplyWriter(IBufferWriter<byte> output) => _output = output;

    /// <summary>
    /// The reply for a NO_SERVER_LIST request: only the fixed header (requester IP + default port).
    /// </summary>
    public static void WriteHeaderOnly(IBufferWriter<byte> output, uint clientIp, ushort defaultPort = StandardQueryPort)
    {
        SbWire.U32(output, clientIp);
        SbWire.U16(output, defaultPort);
    }

    /// <summary>An error reply: fixed header with port <c>0xFFFF</c> and the message; nothing may follow.</summary>
    public static void WriteError(IBufferWriter<byte> output, uint clientIp, string message)
    {
        SbWire.U32(output, clientIp);
        SbWire.U16(output, ErrorPort);
        SbWire.String(output, message);
    }

    /// <summary>The requester's public IP (as seen on the connection) and the game's default port.</summary>
    public void WriteHeader(uint clientIp, ushort defaultPort = StandardQueryPort)
    {
        Expect(Phase.Start);
        if (defaultPort == ErrorPort)
            throw new ArgumentException("0xFFFF is the error marker; use WriteError", nameof(defaultPort));
        WriteHeaderOnly(_output, clientIp, defaultPort);
        _phase = Phase.Header;
    }

    /// <summary>The key list, every key as a string (what the reference servers send).</summary>
    public void WriteKeys(IReadOnlyList<string> names)
    {
        var keys = new SbKey[names.Count];
        for (int i = 0; i < keys.Length; i++)
            keys[i] = new SbKey(names[i], SbKeyType.String);
        WriteKeys(keys);
    }

    /// <summary>The key list with explicit types, in the order the values will be written.</summary>
    public void WriteKeys(IReadOnlyList<SbKey> keys)
    {
        Expect(Phase.Header);
        if (keys.Count > SbLimits.MaxReplyKeys)
            throw new ArgumentException($"at most {SbLimits.MaxReplyKeys} keys", nameof(keys));
        _keys = [.. keys];
        SbWire.Byte(_output, (byte)keys.Count);
        foreach (var key in keys)
        {
            SbWire.Byte(_output, (byte)key.Type);
            SbWire.String(_output, key.Name);
        }
        _phase = Phase.Keys;
    }

    /// <summary>The popular-value table (reference servers send none: pass an empty list).</summary>
    public void WritePopularValues(IReadOnlyList<string> values)
    {
        Expect(Phase.Keys);
        if (values.Count > 255)
            throw new ArgumentException("at most 255 popular values", nameof(values));
        SbWire.Byte(_output, (byte)values.Count);
        if (values.Count > 0)
        {
            var lookup = new Dictionary<string, int>(values.Count, StringComparer.Ordinal);
            for (int i = 0; i < values.Count; i++)
            {
                SbWire.String(_output, values[i]);
                if (i < LiteralStringMarker) // index 0xFF is the literal marker, never an index
                    lookup.TryAdd(values[i], i);
            }
            _popular = lookup.GetAlternateLookup<ReadOnlySpan<char>>();
        }
        _phase = Phase.Popular;
    }

    /// <summary>Starts a server entry: flags and the address fields the flags announce.</summary>
    public void BeginServer(in SbServerEntry entry)
    {
        FinishServer();
        Expect(Phase.Popular);
        if (entry.PublicIp == uint.MaxValue)
            throw new ArgumentException("255.255.255.255 is the end-of-list marker", nameof(entry));
        SbWire.Entry(_output, entry, entry.Flags);
        bool hasKeys = (entry.Flags & SbServerFlags.HasKeys) != 0;
        _expectRules = (entry.Flags & SbServerFlags.HasFullRules) != 0;
        _nextValue = hasKeys ? 0 : _keys.Length;
        _phase = hasKeys && _keys.Length > 0 ? Phase.ServerValues : (_expectRules ? Phase.ServerRules : Phase.Popular);
    }

    /// <summary>The next key's value for a string-typed key (missing keys: pass an empty span).</summary>
    public void WriteStringValue(ReadOnlySpan<char> value)
    {
        NextValue(SbKeyType.String);
        if (_popular is { } popular && popular.TryGetValue(value, out int index))
        {
            SbWire.Byte(_output, (byte)index);
        }
        else
        {
            SbWire.Byte(_output, LiteralStringMarker);
            SbWire.String(_output, value);
        }
        AfterValue();
    }

    /// <summary>The next key's value for a byte-typed key.</summary>
    public void WriteByteValue(byte value)
    {
        NextValue(SbKeyType.Byte);
        SbWire.Byte(_output, value);
        AfterValue();
    }

    /// <summary>The next key's value for a short-typed key (big-endian).</summary>
    public void WriteShortValue(ushort value)
    {
        NextValue(SbKeyType.Short);
        SbWire.U16(_output, value);
        AfterValue();
    }

    /// <summary>One rule pair of an entry flagged <see cref="SbServerFlags.HasFullRules"/>.</summary>
    public void WriteRule(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        Expect(Phase.ServerRules);
        if (key.IsEmpty)
            throw new ArgumentException("an empty key ends the rules; use EndRules", nameof(key));
        SbWire.String(_output, key);
        SbWire.String(_output, value);
    }

    /// <summary>Ends the rules of the current entry.</summary>
    public void EndRules()
    {
        Expect(Phase.ServerRules);
        SbWire.Byte(_output, 0);
        _expectRules = false;
        _phase = Phase.Popular;
    }

    /// <summary>The end-of-list marker <c>00 FF FF FF FF</c>.</summary>
    public void WriteTerminator()
    {
        FinishServer();
        Expect(Phase.Popular);
        SbWire.Byte(_output, 0);
        SbWire.U32(_output, uint.MaxValue);
        _phase = Phase.Terminated;
    }

    private void NextValue(SbKeyType type)
    {
        Expect(Phase.ServerValues);
        if (_keys[_nextValue].Type != type)
            throw new InvalidOperationException($"key '{_keys[_nextValue].Name}' is of type {_keys[_nextValue].Type}, not {type}");
    }

    private void AfterValue()
    {
        if (++_nextValue == _keys.Length)
            _phase = _expectRules ? Phase.ServerRules : Phase.Popular;
    }

    private void FinishServer()
    {
        if (_phase == Phase.ServerValues)
            throw new InvalidOperationException($"entry has {_nextValue} of {_keys.Length} values");
        if (_phase == Phase.ServerRules)
            throw new InvalidOperationException("entry rules not ended; call EndRules");
    }

    private void Expect(Phase phase)
    {
        if (_phase != phase)
            throw new InvalidOperationException($"list reply: expected phase {phase}, writer is in {_phase}");
    }
}
