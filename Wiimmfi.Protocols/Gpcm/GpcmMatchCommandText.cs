using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// The text form of DWC match commands inside <c>\bm\1</c> messages:
/// <c>"GPCM" + version + "vMAT" + command byte (one character) + payload text</c>.
/// </summary>
/// <remarks>
/// <para>Payload text by version: 90 — NWC base64 of the bytes; 11 — each 4-byte word as 8 hex
/// digits in byte order, joined by <c>/</c>; 3 — each word read as u32 little-endian, in decimal,
/// joined by <c>/</c>. An empty payload leaves nothing after the command byte.</para>
/// <para>Bounds: payloads must be whole words and at most <see cref="MaxRelayPayloadBytes"/>
/// (0x80) by default. Unpatched consoles overflow on larger match commands, so a server never
/// relays one; WiiLink allowed up to 0x200 on GPCM, which <see cref="TryParse"/> can be told to
/// accept for logging. The text is checked against the bound before it is decoded.</para>
/// </remarks>
public static class GpcmMatchCommandText
{
    /// <summary>Largest payload relayed to another console (mkw.md §3.7).</summary>
    public const int MaxRelayPayloadBytes = 0x80;

    /// <summary>Largest payload any DWC carrier defines (WiiLink's GPCM bound).</summary>
    public const int MaxPayloadBytes = 0x200;

    private const string Prefix = "GPCM";
    private const string Marker = "vMAT";

    /// <summary>True when <paramref name="text"/> starts like a match command (<c>GPCM&lt;digits&gt;vMAT</c>).</summary>
    public static bool LooksLikeMatchCommand(string? text) => text is not null && TryReadPrefix(text, out _, out _);

    /// <summary>
    /// Reads a match command from buddy-message text. Never throws on bad input.
    /// </summary>
    /// <param name="text">The <c>msg</c> value of a <c>\bm\1</c>.</param>
    /// <param name="command">The command, when the text is accepted.</param>
    /// <param name="error">Why the text was refused, or <see cref="GpcmMatchCommandError.None"/>.</param>
    /// <param name="maxPayloadBytes">Payload bound; <see cref="MaxRelayPayloadBytes"/> unless you only want to log.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out GpcmMatchCommand? command, out GpcmMatchCommandError error, int maxPayloadBytes = MaxRelayPayloadBytes)
    {
        error = Parse(text, out command, maxPayloadBytes);
        return command is not null;
    }

    private static GpcmMatchCommandError Parse(string? text, out GpcmMatchCommand? command, int maxPayloadBytes)
    {
        command = null;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPayloadBytes, MaxPayloadBytes);
        if (text is null || !TryReadPrefix(text, out var version, out var prefixLength))
        {
            return GpcmMatchCommandError.NotAMatchCommand;
        }

        if (version is not (3 or 11 or 90))
        {
            return GpcmMatchCommandError.UnsupportedVersion;
        }

        if (text.Length == prefixLength)
        {
            return GpcmMatchCommandError.MissingCommand;
        }

        var commandChar = text[prefixLength];
        if (commandChar > '\u00FF')
        {
            return GpcmMatchCommandError.BadPayloadText;
        }

        var payloadText = text.AsSpan(prefixLength + 1);
        var error = version == 90
            ? DecodeBase64(payloadText, maxPayloadBytes, out var payload)
            : DecodeWords(payloadText, maxPayloadBytes, hex: version == 11, out payload);
        if (error != GpcmMatchCommandError.None)
        {
            return error;
        }

        command = new GpcmMatchCommand(version, (byte)commandChar, payload!);
        return GpcmMatchCommandError.None;
    }

    /// <summary>
    /// Writes a match command as buddy-message text. The payload must be whole words and at most
    /// <see cref="MaxPayloadBytes"/>; the version must be 3, 11 or 90.
    /// </summary>
    public static string Format(GpcmMatchCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Format(command.Version, command.Command, command.Payload);
    }

    /// <summary>Writes a match command as buddy-message text.</summary>
    public static string Format(int version, byte commandByte, ReadOnlySpan<byte> payload)
    {
        if (version is not (3 or 11 or 90))
        {
            throw new ArgumentOutOfRangeException(nameof(version), "Match command versions are 3, 11 and 90.");
        }

        if (payload.Length % 4 != 0 || payload.Length > MaxPayloadBytes)
        {
            throw new ArgumentException("A match command payload is whole 4-byte words, at most 0x200 bytes.", nameof(payload));
        }

        var text = new StringBuilder(16 + (payload.Length * 3));
        text.Append(Prefix).Append(version.ToString(CultureInfo.InvariantCulture)).Append(Marker).Append((char)commandByte);
        switch (version)
        {
            case 90:
                text.Append(NwcBase64.Encode(payload));
                break;
            case 11:
                for (var i = 0; i < payload.Length; i += 4)
                {
                    text.Append(i == 0 ? string.Empty : "/").Append(Convert.ToHexStringLower(payload.Slice(i, 4)));
                }

                break;
            default:
                for (var i = 0; i < payload.Length; i += 4)
                {
                    text.Append(i == 0 ? string.Empty : "/")
                        .Append(BinaryPrimitives.ReadUInt32LittleEndian(payload[i..]).ToString(CultureInfo.InvariantCulture));
                }

                break;
        }

        return text.ToString();
    }

    /// <summary>
    /// The RESV_DENY "room full" (reason 0x10) a server sends on behalf of an unreachable friend.
    /// For versions 3 and 90 this equals WiiLink's constants; for version 11 see docs/protocols/gpcm.md.
    /// </summary>
    public static string ResvDenyRoomFull(int version)
    {
        Span<byte> reason = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(reason, GpcmMatchCommand.DenyReasonRoomFull);
        return Format(version, GpcmMatchCommand.ResvDeny, reason);
    }

    /// <summary>The RESV_WAIT a server sends while the sender cannot be relayed yet.</summary>
    public static string ResvWait(int version) => Format(version, GpcmMatchCommand.ResvWait, ReadOnlySpan<byte>.Empty);

    private static bool TryReadPrefix(string text, out int version, out int prefixLength)
    {
        version = 0;
        prefixLength = 0;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = 0;
        while (Prefix.Length + digits < text.Length && char.IsAsciiDigit(text[Prefix.Length + digits]) && digits < 4)
        {
            digits++;
        }

        if (digits == 0 || string.CompareOrdinal(text, Prefix.Length + digits, Marker, 0, Marker.Length) != 0)
        {
            return false;
        }

        version = int.Parse(text.AsSpan(Prefix.Length, digits), NumberStyles.None, CultureInfo.InvariantCulture);
        prefixLength = Prefix.Length + digits + Marker.Length;
        return true;
    }

    private static GpcmMatchCommandError DecodeBase64(ReadOnlySpan<char> text, int maxPayloadBytes, out byte[]? payload)
    {
        payload = null;
        if (text.Length > NwcBase64.GetEncodedLength(maxPayloadBytes))
        {
            return GpcmMatchCommandError.PayloadTooLarge;
        }

        Span<byte> buffer = stackalloc byte[NwcBase64.GetMaxDecodedLength(text.Length)];
        if (!NwcBase64.TryDecode(text, buffer, out var length))
        {
            return GpcmMatchCommandError.BadPayloadText;
        }

        if (length % 4 != 0)
        {
            return GpcmMatchCommandError.PayloadNotWordAligned;
        }

        if (length > maxPayloadBytes)
        {
            return GpcmMatchCommandError.PayloadTooLarge;
        }

        payload = buffer[..length].ToArray();
        return GpcmMatchCommandError.None;
    }

    private static GpcmMatchCommandError DecodeWords(ReadOnlySpan<char> text, int maxPayloadBytes, bool hex, out byte[]? payload)
    {
        payload = null;
        if (text.IsEmpty)
        {
            payload = [];
            return GpcmMatchCommandError.None;
        }

        var words = text.Count('/') + 1;
        if (words * 4 > maxPayloadBytes)
        {
            return GpcmMatchCommandError.PayloadTooLarge;
        }

        var result = new byte[words * 4];
        var index = 0;
        foreach (var range in text.Split('/'))
        {
            var word = text[range];
            var slot = result.AsSpan(index * 4, 4);
            if (hex)
            {
                if (word.Length != 8 || Convert.FromHexString(word, slot, out _, out var written) != System.Buffers.OperationStatus.Done || written != 4)
                {
                    return GpcmMatchCommandError.BadPayloadText;
                }
            }
            else
            {
                if (word.Length is 0 or > 10 || !uint.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return GpcmMatchCommandError.BadPayloadText;
                }

                BinaryPrimitives.WriteUInt32LittleEndian(slot, value);
            }

            index++;
        }

        payload = result;
        return GpcmMatchCommandError.None;
    }
}
