using System.Text;

namespace Wiimmfi.Protocols.GameStats;

/// <summary>
/// One decoded <c>\key\value\…\final\</c> message: the first pair is the command and its value,
/// the rest are key/value pairs in wire order. Text is Latin-1 (one char per byte), so binary
/// values such as <c>data</c> survive unchanged.
/// </summary>
public sealed record GameStatsMessage(string Command, string CommandValue, IReadOnlyList<KeyValuePair<string, string>> Pairs)
{
    /// <summary>The value of <paramref name="key"/> (the last one if repeated, as GameSpy servers do), or null.</summary>
    public string? Get(string key)
    {
        for (var i = Pairs.Count - 1; i >= 0; i--)
        {
            if (Pairs[i].Key == key)
            {
                return Pairs[i].Value;
            }
        }
        return null;
    }

    /// <summary>A message with pairs given in order.</summary>
    public static GameStatsMessage Create(string command, string commandValue, params (string Key, string Value)[] pairs) =>
        new(command, commandValue, pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToArray());

    /// <summary>The plain (not yet obfuscated) bytes: <c>\command\value\k\v…\final\</c>.</summary>
    /// <remarks>
    /// Keys and values must not contain <c>\</c>, except the value of <c>data</c> when a
    /// <c>length</c> pair precedes it (the reader then takes exactly that many bytes). Every
    /// character must fit in one byte.
    /// </remarks>
    /// <exception cref="ArgumentException">A key or value breaks those rules.</exception>
    public byte[] ToPlainBytes()
    {
        var builder = new StringBuilder(64);
        Append(builder, Command, CommandValue, dataAllowed: false);
        var lengthSeen = false;
        foreach (var (key, value) in Pairs)
        {
            Append(builder, key, value, dataAllowed: lengthSeen && key == "data");
            lengthSeen |= key == "length";
        }
        builder.Append(@"\final\");
        var text = builder.ToString();
        if (text.Any(c => c > '\u00FF'))
        {
            throw new ArgumentException("GameStats text is one byte per character.");
        }
        return Encoding.Latin1.GetBytes(text);
    }

    /// <summary>The wire bytes: <see cref="ToPlainBytes"/> obfuscated.</summary>
    public byte[] ToWireBytes() => GameStatsObfuscation.Encode(ToPlainBytes());

    private static void Append(StringBuilder builder, string key, string value, bool dataAllowed)
    {
        if (key.Contains('\\') || (!dataAllowed && value.Contains('\\')))
        {
            throw new ArgumentException($"Backslash in GameStats key or value '{key}'.");
        }
        builder.Append('\\').Append(key).Append('\\').Append(value);
    }

    public override string ToString() =>
        $@"\{Command}\{CommandValue}" + string.Concat(Pairs.Select(p => $@"\{p.Key}\{p.Value}"));
}
