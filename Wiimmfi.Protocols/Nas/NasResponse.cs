using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Nas;

/// <summary>
/// A NAS reply body: <c>key=NWCbase64(value)</c> pairs joined by <c>&amp;</c>, keys in ordinal
/// order, values never percent-encoded, followed by one NUL byte (DWC reads the body as a C
/// string). This is byte-for-byte WiiLink's format; key order does not matter to the console.
/// </summary>
public sealed class NasResponse
{
    private readonly SortedDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>The values set so far, raw (before base64).</summary>
    public IReadOnlyDictionary<string, byte[]> Values => _values;

    /// <summary>Sets <paramref name="key"/> to the bytes of <paramref name="value"/> (one byte per character).</summary>
    public NasResponse Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Set(key, Encoding.Latin1.GetBytes(value));
    }

    /// <summary>Sets <paramref name="key"/> to raw bytes (e.g. UTF-16 text).</summary>
    public NasResponse Set(string key, byte[] value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw new ArgumentException("NAS reply keys are ASCII letters, digits or '_'.", nameof(key));
            }
        }

        _values[key] = value;
        return this;
    }

    /// <summary>Writes the body, trailing NUL included.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        var first = true;
        foreach (var (key, value) in _values)
        {
            var length = (first ? 0 : 1) + key.Length + 1 + NwcBase64.GetEncodedLength(value.Length);
            var span = output.GetSpan(length);
            var o = 0;
            if (!first)
            {
                span[o++] = (byte)'&';
            }

            o += Encoding.ASCII.GetBytes(key, span[o..]);
            span[o++] = (byte)'=';
            o += NwcBase64.Encode(value, span[o..]);
            output.Advance(o);
            first = false;
        }

        output.GetSpan(1)[0] = 0;
        output.Advance(1);
    }

    /// <summary>The body as a new array, trailing NUL included.</summary>
    public byte[] ToBody()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads a reply body as a console does (for the console emulator and tests): stops at the
    /// first NUL, accepts a trailing CR LF (AltWFC), decodes each value as NWC base64.
    /// </summary>
    public static bool TryParseBody(ReadOnlySpan<byte> body, [NotNullWhen(true)] out IReadOnlyDictionary<string, byte[]>? values)
    {
        values = null;
        var nul = body.IndexOf((byte)0);
        if (nul >= 0)
        {
            body = body[..nul];
        }

        body = body.TrimEnd("\r\n"u8);
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var range in body.Split((byte)'&'))
        {
            var part = body[range];
            if (part.IsEmpty)
            {
                continue;
            }

            var equals = part.IndexOf((byte)'=');
            if (equals <= 0 || result.Count >= NasFormLimits.MaxFields)
            {
                return false;
            }

            var decoded = new byte[NwcBase64.GetMaxDecodedLength(part.Length - equals - 1)];
            if (!NwcBase64.TryDecode(part[(equals + 1)..], decoded, out var written))
            {
                return false;
            }

            result[Encoding.Latin1.GetString(part[..equals])] = decoded.AsSpan(0, written).ToArray();
        }

        values = result;
        return true;
    }
}
