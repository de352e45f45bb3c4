using System.Buffers;

namespace Wiimmfi.Protocols.Common;

/// <summary>
/// Writes one GameSpy text message (<c>\cmd\value\key\value…\final\</c>) straight into a buffer writer.
/// </summary>
/// <remarks>
/// Values that came from other consoles (status strings, buddy messages) are written as they are,
/// except that backslashes and NUL bytes are dropped (they would end the value or the console's
/// C string early) and characters above U+00FF become '?'. Call <see cref="WriteCommand(string, string?)"/>
/// first and <see cref="WriteFinal"/> last.
/// </remarks>
public readonly ref struct GameSpyMessageWriter
{
    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    public GameSpyMessageWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes <c>\command\value</c>.</summary>
    public void WriteCommand(string command, string? value) => Write(command, value);

    /// <summary>Writes <c>\command\value</c> with a decimal value.</summary>
    public void WriteCommand(string command, long value) => Write(command, value);

    /// <summary>Writes <c>\key\value</c>; a null value is written empty.</summary>
    public void Write(string key, string? value)
    {
        WriteBackslash();
        WriteText(key);
        WriteBackslash();
        if (!string.IsNullOrEmpty(value))
        {
            WriteText(value);
        }
    }

    /// <summary>Writes <c>\key\value</c> with a signed decimal value.</summary>
    public void Write(string key, long value)
    {
        WriteBackslash();
        WriteText(key);
        WriteBackslash();
        var span = _output.GetSpan(20);
        value.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _output.Advance(written);
    }

    /// <summary>Writes <c>\key\value</c> with an unsigned decimal value.</summary>
    public void Write(string key, ulong value)
    {
        WriteBackslash();
        WriteText(key);
        WriteBackslash();
        var span = _output.GetSpan(20);
        value.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _output.Advance(written);
    }

    /// <summary>Writes the terminator <c>\final\</c>.</summary>
    public void WriteFinal()
    {
        var span = _output.GetSpan(GameSpyFraming.TerminatorLength);
        GameSpyFraming.Terminator.CopyTo(span);
        _output.Advance(GameSpyFraming.TerminatorLength);
    }

    private void WriteBackslash()
    {
        var span = _output.GetSpan(1);
        span[0] = (byte)'\\';
        _output.Advance(1);
    }

    private void WriteText(string text)
    {
        var span = _output.GetSpan(text.Length);
        var written = 0;
        foreach (var c in text)
        {
            if (c == '\\' || c == '\0')
            {
                continue;
            }

            span[written++] = c <= '\u00FF' ? (byte)c : (byte)'?';
        }

        _output.Advance(written);
    }
}
