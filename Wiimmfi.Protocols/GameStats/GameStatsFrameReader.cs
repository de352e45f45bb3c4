using System.Globalization;
using System.Text;

namespace Wiimmfi.Protocols.GameStats;

/// <summary>What <see cref="GameStatsFrameReader.Read"/> found at the start of the buffer.</summary>
public enum GameStatsReadStatus
{
    /// <summary>A complete message; drop <see cref="GameStatsReadResult.Consumed"/> bytes and read again.</summary>
    Message,
    /// <summary>No complete message yet; keep the bytes and wait for more.</summary>
    NeedMoreData,
    /// <summary>
    /// Garbage or over a limit. When <see cref="GameStatsReadResult.Consumed"/> is positive the bad
    /// message can be skipped; when it is 0 the stream cannot be resynchronised: close the connection.
    /// </summary>
    Invalid,
}

/// <summary>Outcome of one <see cref="GameStatsFrameReader.Read"/>.</summary>
public readonly record struct GameStatsReadResult(GameStatsReadStatus Status, GameStatsMessage? Message, int Consumed, string? Error);

/// <summary>
/// Cuts the TCP GameStats byte stream into messages and decodes them.
/// </summary>
/// <remarks>
/// <para>
/// Framing is GPCM's (<c>\final\</c> ends a message, several may share a read, one may span reads)
/// with two twists (gamestats.md §2.1): everything before the terminator is XORed with
/// <c>GameSpy3D</c> from key index 0, and a <c>\length\n</c> pair makes the following <c>\data\</c>
/// value exactly n bytes, which may contain backslashes.
/// </para>
/// <para>
/// Because the terminator travels in clear while the data does not, an obfuscated data value could
/// by chance contain the bytes <c>\final\</c>. The reader therefore tries each terminator candidate
/// in turn and accepts the first at which the decoded message is consistent (its declared data
/// length fits exactly); a message whose data is shorter than declared was cut at a false
/// terminator. Everything is bounded by <see cref="GameStatsLimits"/>; nothing throws.
/// </para>
/// </remarks>
public static class GameStatsFrameReader
{
    public static GameStatsReadResult Read(ReadOnlySpan<byte> buffer, GameStatsLimits? limits = null)
    {
        limits ??= GameStatsLimits.Default;
        var final = GameStatsObfuscation.Final;
        var searchFrom = 0;
        while (true)
        {
            var found = buffer[searchFrom..].IndexOf(final);
            if (found < 0)
            {
                return buffer.Length >= limits.MaxMessageBytes
                    ? new GameStatsReadResult(GameStatsReadStatus.Invalid, null, 0, $"No message end within {limits.MaxMessageBytes} bytes.")
                    : new GameStatsReadResult(GameStatsReadStatus.NeedMoreData, null, 0, null);
            }
            var end = searchFrom + found;
            var consumed = end + final.Length;
            if (consumed > limits.MaxMessageBytes)
            {
                return new GameStatsReadResult(GameStatsReadStatus.Invalid, null, consumed, $"Message longer than {limits.MaxMessageBytes} bytes.");
            }

            var plain = buffer[..end].ToArray();
            GameStatsObfuscation.Apply(plain);
            var outcome = ParsePlain(plain, limits, out var message, out var error);
            switch (outcome)
            {
                case PlainOutcome.Complete:
                    return new GameStatsReadResult(GameStatsReadStatus.Message, message, consumed, null);
                case PlainOutcome.DataCutShort:
                    searchFrom = end + 1; // the terminator was inside the data: look further
                    continue;
                default:
                    return new GameStatsReadResult(GameStatsReadStatus.Invalid, null, consumed, error);
            }
        }
    }

    /// <summary>Parses a plain message body (without <c>\final\</c>); used by <see cref="Read"/> and tests.</summary>
    public static bool TryParsePlain(ReadOnlySpan<byte> plain, GameStatsLimits limits, out GameStatsMessage? message, out string? error)
    {
        var outcome = ParsePlain(plain, limits, out message, out error);
        if (outcome == PlainOutcome.DataCutShort)
        {
            error = "Data is shorter than its declared length.";
        }
        return outcome == PlainOutcome.Complete;
    }

    private enum PlainOutcome
    {
        Complete,
        DataCutShort,
        Malformed,
    }

    private static PlainOutcome ParsePlain(ReadOnlySpan<byte> plain, GameStatsLimits limits, out GameStatsMessage? message, out string? error)
    {
        message = null;
        error = null;
        if (plain.IsEmpty || plain[0] != (byte)'\\')
        {
            error = @"Message does not start with '\'.";
            return PlainOutcome.Malformed;
        }

        string? command = null;
        var commandValue = "";
        var pairs = new List<KeyValuePair<string, string>>();
        int? declaredLength = null;
        var pos = 1;
        while (true)
        {
            var keyLength = plain[pos..].IndexOf((byte)'\\');
            if (keyLength < 0)
            {
                error = "A key has no value.";
                return PlainOutcome.Malformed;
            }
            var keyBytes = plain.Slice(pos, keyLength);
            pos += keyLength + 1;
            if (keyBytes.Contains((byte)0))
            {
                error = "NUL byte in a key.";
                return PlainOutcome.Malformed;
            }
            var key = Encoding.Latin1.GetString(keyBytes);

            ReadOnlySpan<byte> valueBytes;
            if (key == "data" && declaredLength is { } length)
            {
                if (pos + length > plain.Length)
                {
                    return PlainOutcome.DataCutShort;
                }
                valueBytes = plain.Slice(pos, length);
                pos += length;
                if (pos < plain.Length)
                {
                    if (plain[pos] != (byte)'\\')
                    {
                        error = "Data is longer than its declared length.";
                        return PlainOutcome.Malformed;
                    }
                    pos++;
                }
            }
            else
            {
                var valueLength = plain[pos..].IndexOf((byte)'\\');
                valueBytes = valueLength < 0 ? plain[pos..] : plain.Slice(pos, valueLength);
                pos = valueLength < 0 ? plain.Length : pos + valueLength + 1;
                if (valueBytes.Contains((byte)0))
                {
                    error = $"NUL byte in the value of '{key}'.";
                    return PlainOutcome.Malformed;
                }
            }
            var value = Encoding.Latin1.GetString(valueBytes);

            if (key == "length")
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) || declared > limits.MaxMessageBytes)
                {
                    error = $"Invalid length '{value}'.";
                    return PlainOutcome.Malformed;
                }
                declaredLength = declared;
            }

            if (command is null)
            {
                command = key;
                commandValue = value;
            }
            else
            {
                if (pairs.Count == limits.MaxPairs)
                {
                    error = $"More than {limits.MaxPairs} pairs.";
                    return PlainOutcome.Malformed;
                }
                pairs.Add(KeyValuePair.Create(key, value));
            }

            if (pos >= plain.Length)
            {
                if (command.Length == 0)
                {
                    error = "Empty command.";
                    return PlainOutcome.Malformed;
                }
                message = new GameStatsMessage(command, commandValue, pairs);
                return PlainOutcome.Complete;
            }
        }
    }
}
