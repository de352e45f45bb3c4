namespace Wiimmfi.Protocols.Common;

/// <summary>
/// Walks the <c>\key\value</c> pairs of one framed message body in place, without allocating.
/// The first pair is the command and its value.
/// </summary>
/// <remarks>
/// Rules: the body must start with a backslash and contain no NUL byte; a key at the very end
/// without a value gets an empty value; an empty key in the middle of a message is an error, an
/// empty trailing token (<c>\a\b\</c>) is not. Check <see cref="Error"/> once
/// <see cref="TryReadPair"/> returns false.
/// </remarks>
public ref struct GameSpyMessageReader
{
    private ReadOnlySpan<byte> _remaining;
    private bool _done;

    /// <summary>Starts reading <paramref name="body"/> (a message without its <c>\final\</c>).</summary>
    public GameSpyMessageReader(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            Error = GameSpyParseError.MissingCommand;
            _done = true;
        }
        else if (body[0] != (byte)'\\')
        {
            Error = GameSpyParseError.MissingLeadingBackslash;
            _done = true;
        }
        else if (body.Contains((byte)0))
        {
            Error = GameSpyParseError.ContainsNul;
            _done = true;
        }
        else
        {
            _remaining = body[1..];
        }
    }

    /// <summary>The reason reading stopped early, or <see cref="GameSpyParseError.None"/>.</summary>
    public GameSpyParseError Error { get; private set; }

    /// <summary>Reads the next pair; false at the end of the body or on an error.</summary>
    public bool TryReadPair(out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        key = default;
        value = default;
        if (_done)
        {
            return false;
        }

        var keyEnd = _remaining.IndexOf((byte)'\\');
        if (keyEnd < 0)
        {
            key = _remaining;
            _remaining = default;
            _done = true;
        }
        else
        {
            key = _remaining[..keyEnd];
            var rest = _remaining[(keyEnd + 1)..];
            var valueEnd = rest.IndexOf((byte)'\\');
            if (valueEnd < 0)
            {
                value = rest;
                _remaining = default;
                _done = true;
            }
            else
            {
                value = rest[..valueEnd];
                _remaining = rest[(valueEnd + 1)..];
            }
        }

        if (key.IsEmpty)
        {
            // "\a\b\" ends with an empty token: harmless. An empty key followed by more data is not.
            if (!(_done && value.IsEmpty))
            {
                Error = GameSpyParseError.EmptyKey;
            }

            _done = true;
            return false;
        }

        return true;
    }
}
