using System.Buffers;
using System.Buffers.Text;

namespace Wiimmfi.Host.Modules.Nas;

/// <summary>
/// Removes every <c>Host:</c> header after the first from an HTTP/1.1 request stream, so that the
/// DWC clients that send Host twice (nas.md §1) are not answered 400 by Kestrel, which refuses a
/// request with two Host headers. WiiLink strips the extra lines the same way before its HTTP parser.
/// </summary>
/// <remarks>
/// <para>A small streaming state machine over the bytes as they arrive: header lines are collected
/// one at a time (up to <see cref="MaxLineLength"/>); a Host line after the first of its header block
/// is dropped; the empty line ends the block; a body of <c>Content-Length</c> bytes is copied without
/// looking at it, and the next request starts after it (keep-alive).</para>
/// <para>What it will not do: a chunked body (DWC never sends one) or a header line longer than the bound
/// switches it to pass-through for the rest of the connection — Kestrel then judges those bytes itself
/// (431 for the long line). It never fails and never grows beyond one bounded line.</para>
/// </remarks>
public sealed class HostHeaderDeduplicator
{
    /// <summary>Longest header line collected; Kestrel's own limit for a whole header block is 32 KiB.</summary>
    public const int MaxLineLength = 8 * 1024;

    private readonly byte[] _line = new byte[MaxLineLength];
    private int _lineLength;
    private State _state = State.RequestLine;
    private bool _hostSeen;
    private bool _chunked;
    private long _contentLength;
    private long _bodyRemaining;

    private enum State
    {
        RequestLine,
        Headers,
        Body,
        PassThrough,
    }

    /// <summary>Host lines dropped so far.</summary>
    public int DroppedHostHeaders { get; private set; }

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/>, leaving out duplicate Host lines.</summary>
    public void Process(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        while (!input.IsEmpty)
        {
            switch (_state)
            {
                case State.PassThrough:
                    output.Write(input);
                    return;
                case State.Body:
                    var take = (int)Math.Min(_bodyRemaining, input.Length);
                    output.Write(input[..take]);
                    input = input[take..];
                    _bodyRemaining -= take;
                    if (_bodyRemaining == 0)
                    {
                        _state = State.RequestLine;
                    }

                    break;
                default:
                    var end = input.IndexOf((byte)'\n');
                    var chunk = end < 0 ? input : input[..(end + 1)];
                    if (_lineLength + chunk.Length > MaxLineLength)
                    {
                        output.Write(_line.AsSpan(0, _lineLength));
                        _lineLength = 0;
                        _state = State.PassThrough;
                        break;
                    }

                    chunk.CopyTo(_line.AsSpan(_lineLength));
                    _lineLength += chunk.Length;
                    input = input[chunk.Length..];
                    if (end >= 0)
                    {
                        CompleteLine(_line.AsSpan(0, _lineLength), output);
                        _lineLength = 0;
                    }

                    break;
            }
        }
    }

    private void CompleteLine(ReadOnlySpan<byte> line, IBufferWriter<byte> output)
    {
        var content = line.TrimEnd("\r\n"u8);
        if (_state == State.RequestLine)
        {
            output.Write(line);
            if (!content.IsEmpty)
            {
                // Empty lines between requests are tolerated; a real request line opens a header block.
                _state = State.Headers;
                _hostSeen = false;
                _chunked = false;
                _contentLength = 0;
            }

            return;
        }

        if (content.IsEmpty)
        {
            output.Write(line);
            if (_chunked)
            {
                _state = State.PassThrough;
            }
            else if (_contentLength > 0)
            {
                _bodyRemaining = _contentLength;
                _state = State.Body;
            }
            else
            {
                _state = State.RequestLine;
            }

            return;
        }

        var colon = content.IndexOf((byte)':');
        var name = colon < 0 ? content : content[..colon].Trim((byte)' ');
        var value = colon < 0 ? default : content[(colon + 1)..].Trim((byte)' ');
        if (System.Text.Ascii.EqualsIgnoreCase(name, "Host"u8))
        {
            if (_hostSeen)
            {
                DroppedHostHeaders++;
                return;
            }

            _hostSeen = true;
        }
        else if (System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            // A malformed length is left for Kestrel to refuse; the filter just stops interpreting.
            if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0)
            {
                _chunked = true;
            }
            else
            {
                _contentLength = length;
            }
        }
        else if (System.Text.Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
        {
            _chunked = true;
        }

        output.Write(line);
    }
}
