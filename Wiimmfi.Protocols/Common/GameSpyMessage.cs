using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.Common;

/// <summary>
/// One GameSpy text message: a command with its value, then key/value pairs in arrival order.
/// </summary>
/// <remarks>
/// <para>Duplicates: every pair is kept in <see cref="Fields"/>; the lookups
/// (<see cref="TryGetValue"/>, <see cref="GetValueOrNull"/>) return the <b>last</b> value, as
/// AltWFC and WiiLink do. <see cref="CountOf"/> lets a caller refuse duplicates.</para>
/// <para>Empty values are ordinary values: <c>\statstring\\</c> gives an empty string, which is
/// different from a missing key (null).</para>
/// <para>The command key is not part of <see cref="Fields"/>.</para>
/// </remarks>
public sealed class GameSpyMessage : IGameSpyWritable
{
    /// <summary>
    /// Bound on key/value pairs per message. The largest real message, <c>\updatepro\</c> with the
    /// full GP field set, has about 24 pairs; a GPCM login has 17.
    /// </summary>
    public const int MaxFields = 64;

    private readonly GameSpyField[] _fields;

    private GameSpyMessage(string command, string commandValue, GameSpyField[] fields)
    {
        Command = command;
        CommandValue = commandValue;
        _fields = fields;
    }

    /// <summary>The first key, e.g. <c>login</c>, <c>bm</c>, <c>lc</c>.</summary>
    public string Command { get; }

    /// <summary>The value of the first key, e.g. <c>100</c> in <c>\bm\100</c>; often empty.</summary>
    public string CommandValue { get; }

    /// <summary>All pairs after the command, in arrival order, duplicates included.</summary>
    public IReadOnlyList<GameSpyField> Fields => _fields;

    /// <summary>Builds a message to send or to compare against.</summary>
    public static GameSpyMessage Create(string command, string commandValue, params ReadOnlySpan<GameSpyField> fields)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentNullException.ThrowIfNull(commandValue);
        return new GameSpyMessage(command, commandValue, fields.ToArray());
    }

    /// <summary>
    /// Parses a framed body (the bytes before <c>\final\</c>). Never throws on bad input.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out GameSpyMessage? message, out GameSpyParseError error)
    {
        message = null;
        var reader = new GameSpyMessageReader(body);
        if (!reader.TryReadPair(out var commandKey, out var commandValue))
        {
            error = reader.Error == GameSpyParseError.None ? GameSpyParseError.MissingCommand : reader.Error;
            return false;
        }

        // Count first so the array is allocated once at its final size.
        var counter = reader;
        var count = 0;
        while (counter.TryReadPair(out _, out _))
        {
            if (++count > MaxFields)
            {
                error = GameSpyParseError.TooManyFields;
                return false;
            }
        }

        if (counter.Error != GameSpyParseError.None)
        {
            error = counter.Error;
            return false;
        }

        var fields = count == 0 ? [] : new GameSpyField[count];
        for (var i = 0; i < count; i++)
        {
            reader.TryReadPair(out var key, out var value);
            fields[i] = new GameSpyField(GameSpyText.Decode(key), GameSpyText.Decode(value));
        }

        message = new GameSpyMessage(GameSpyText.Decode(commandKey), GameSpyText.Decode(commandValue), fields);
        error = GameSpyParseError.None;
        return true;
    }

    /// <summary>Sequence form of <see cref="TryParse(ReadOnlySpan{byte}, out GameSpyMessage?, out GameSpyParseError)"/>.</summary>
    public static bool TryParse(in ReadOnlySequence<byte> body, [NotNullWhen(true)] out GameSpyMessage? message, out GameSpyParseError error)
    {
        if (body.IsSingleSegment)
        {
            return TryParse(body.FirstSpan, out message, out error);
        }

        // Framing bounds the body, so this copy is small; rent to avoid a big stack frame.
        var length = checked((int)body.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return TryParse(rented.AsSpan(0, length), out message, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The last value of <paramref name="key"/>, if present.</summary>
    public bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
    {
        for (var i = _fields.Length - 1; i >= 0; i--)
        {
            if (string.Equals(_fields[i].Key, key, StringComparison.Ordinal))
            {
                value = _fields[i].Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The last value of <paramref name="key"/>, or null when absent.</summary>
    public string? GetValueOrNull(string key) => TryGetValue(key, out var value) ? value : null;

    /// <summary>True when <paramref name="key"/> occurs at least once.</summary>
    public bool Contains(string key) => TryGetValue(key, out _);

    /// <summary>How many times <paramref name="key"/> occurs.</summary>
    public int CountOf(string key)
    {
        var count = 0;
        foreach (var field in _fields)
        {
            if (string.Equals(field.Key, key, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand(Command, CommandValue);
        foreach (var field in _fields)
        {
            writer.Write(field.Key, field.Value);
        }

        writer.WriteFinal();
    }

    /// <summary>The message in wire form, for logs and tests.</summary>
    public override string ToString() => this.ToWireString();
}
