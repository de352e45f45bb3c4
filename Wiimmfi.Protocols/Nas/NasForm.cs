using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Nas;

/// <summary>
/// A decoded NAS (or DLS1) form: <c>key=value&amp;…</c> where every value is NWC base64.
/// </summary>
/// <remarks>
/// <para>Decoding order: split on <c>&amp;</c>, split each part at the first <c>=</c>,
/// URL-decode key and value, then NWC-base64-decode the value (tolerant server rules of
/// <see cref="NwcBase64"/>). A key without <c>=</c> has an empty value.</para>
/// <para>Keys starting with <c>_</c> are extras from patched clients; they are kept as
/// URL-decoded text in <see cref="Extras"/> and never base64-decoded (some are not base64).</para>
/// <para>A key that appears more than once is ambiguous: it is dropped from
/// <see cref="Values"/> and listed in <see cref="IgnoredKeys"/> (WiiLink ignores such keys too).</para>
/// <para>Everything is bounded by <see cref="NasFormLimits"/>; bad input gives a
/// <see cref="NasFormError"/>, never an exception.</para>
/// </remarks>
public sealed class NasForm
{
    private readonly Dictionary<string, byte[]> _values;
    private readonly Dictionary<string, string> _extras;
    private readonly HashSet<string> _ignored;

    private NasForm(Dictionary<string, byte[]> values, Dictionary<string, string> extras, HashSet<string> ignored)
    {
        _values = values;
        _extras = extras;
        _ignored = ignored;
    }

    /// <summary>Decoded values by key (keys not starting with <c>_</c>, given exactly once).</summary>
    public IReadOnlyDictionary<string, byte[]> Values => _values;

    /// <summary>Patched-client extras (<c>_</c> keys), URL-decoded but not base64-decoded.</summary>
    public IReadOnlyDictionary<string, string> Extras => _extras;

    /// <summary>Keys that appeared more than once and were therefore ignored.</summary>
    public IReadOnlyCollection<string> IgnoredKeys => _ignored;

    /// <summary>Builds a form from already-decoded values (tests, the console emulator).</summary>
    public static NasForm Create(IEnumerable<KeyValuePair<string, byte[]>> values)
    {
        var dictionary = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            dictionary[key] = value;
        }

        return new NasForm(dictionary, new Dictionary<string, string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>Builds a form from ASCII text values (tests, the console emulator).</summary>
    public static NasForm Create(params (string Key, string Value)[] values) =>
        Create(values.Select(v => new KeyValuePair<string, byte[]>(v.Key, Encoding.Latin1.GetBytes(v.Value))));

    /// <summary>Parses a request body. On failure <paramref name="offendingKey"/> names the key at fault when there is one.</summary>
    public static NasFormError TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out NasForm? form, out string? offendingKey)
    {
        form = null;
        offendingKey = null;
        if (body.Length > NasFormLimits.MaxBodyBytes)
        {
            return NasFormError.BodyTooLarge;
        }

        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var extras = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Max(body.Length, 1));
        try
        {
            var fields = 0;
            var remaining = body;
            while (!remaining.IsEmpty)
            {
                var end = remaining.IndexOf((byte)'&');
                var part = end < 0 ? remaining : remaining[..end];
                remaining = end < 0 ? default : remaining[(end + 1)..];
                if (part.IsEmpty)
                {
                    continue;
                }

                if (++fields > NasFormLimits.MaxFields)
                {
                    return NasFormError.TooManyFields;
                }

                var equals = part.IndexOf((byte)'=');
                var rawKey = equals < 0 ? part : part[..equals];
                var rawValue = equals < 0 ? default : part[(equals + 1)..];

                if (!UrlFormDecoder.TryDecode(rawKey, scratch, out var keyLength) || !IsPrintableAscii(scratch.AsSpan(0, keyLength)))
                {
                    return NasFormError.BadUrlEncoding;
                }

                if (keyLength > NasFormLimits.MaxKeyLength)
                {
                    return NasFormError.KeyTooLong;
                }

                if (keyLength == 0)
                {
                    continue;
                }

                var key = Encoding.ASCII.GetString(scratch, 0, keyLength);
                offendingKey = key;
                if (!UrlFormDecoder.TryDecode(rawValue, scratch, out var valueLength))
                {
                    return NasFormError.BadUrlEncoding;
                }

                if (valueLength > NasFormLimits.MaxValueLength)
                {
                    return NasFormError.ValueTooLong;
                }

                if (ignored.Contains(key))
                {
                    continue;
                }

                if (values.Remove(key) || extras.Remove(key))
                {
                    ignored.Add(key);
                    continue;
                }

                if (key[0] == '_')
                {
                    extras[key] = Encoding.Latin1.GetString(scratch, 0, valueLength);
                    continue;
                }

                var decoded = new byte[NwcBase64.GetMaxDecodedLength(valueLength)];
                if (!NwcBase64.TryDecode(scratch.AsSpan(0, valueLength), decoded, out var decodedLength))
                {
                    return NasFormError.BadBase64;
                }

                values[key] = decodedLength == decoded.Length ? decoded : decoded.AsSpan(0, decodedLength).ToArray();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        offendingKey = null;
        form = new NasForm(values, extras, ignored);
        return NasFormError.None;
    }

    /// <summary>True when <paramref name="key"/> has a (single) decoded value.</summary>
    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>The decoded bytes of <paramref name="key"/>.</summary>
    public bool TryGetBytes(string key, [NotNullWhen(true)] out byte[]? value) => _values.TryGetValue(key, out value);

    /// <summary>The decoded value as text, one character per byte; null when absent.</summary>
    public string? GetText(string key) => _values.TryGetValue(key, out var value) ? Encoding.Latin1.GetString(value) : null;

    /// <summary>
    /// The decoded value as UTF-16 text in the platform's byte order, cut at the first U+0000;
    /// an odd trailing byte is ignored. Null when absent.
    /// </summary>
    public string? GetUtf16(string key, NasPlatform platform) =>
        _values.TryGetValue(key, out var value) ? DecodeUtf16(value, platform == NasPlatform.Wii) : null;

    /// <summary>
    /// The platform the request says it comes from (<c>unitcd</c>): <c>0</c> is DS, anything else
    /// (or absent) Wii — the rule both references use to pick the UTF-16 byte order.
    /// </summary>
    public NasPlatform TextPlatform => GetText("unitcd") == "0" ? NasPlatform.Ds : NasPlatform.Wii;

    /// <summary>
    /// All fields as text, the way services that take "already decoded fields" expect them:
    /// <c>ingamesn</c>, <c>devname</c> and <c>words</c> as UTF-16 in the platform byte order,
    /// other values one character per byte, extras as sent.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToTextFields()
    {
        var platform = TextPlatform;
        var fields = new Dictionary<string, string>(_values.Count + _extras.Count, StringComparer.Ordinal);
        foreach (var (key, value) in _values)
        {
            fields[key] = key is "ingamesn" or "devname" or "words"
                ? DecodeUtf16(value, platform == NasPlatform.Wii)
                : Encoding.Latin1.GetString(value);
        }

        foreach (var (key, value) in _extras)
        {
            fields[key] = value;
        }

        return fields;
    }

    internal static string DecodeUtf16(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        var units = bytes.Length / 2;
        for (var i = 0; i < units; i++)
        {
            if (bytes[2 * i] == 0 && bytes[(2 * i) + 1] == 0)
            {
                units = i;
                break;
            }
        }

        var encoding = bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode;
        return encoding.GetString(bytes[..(units * 2)]);
    }

    private static bool IsPrintableAscii(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is < 0x21 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }
}
