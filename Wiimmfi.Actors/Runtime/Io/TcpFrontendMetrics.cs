using System.Diagnostics.Metrics;

namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// Counters of one TCP front-end, published on the <c>Wiimmfi.Io</c> meter with a <c>protocol</c> tag and
/// readable as plain numbers for the management API.
/// </summary>
public sealed class TcpFrontendMetrics
{
    private static readonly Meter IoMeter = new("Wiimmfi.Io");
    private static readonly UpDownCounter<long> OpenConnectionsInstrument = IoMeter.CreateUpDownCounter<long>("wiimmfi.io.tcp.open_connections");
    private static readonly Counter<long> AcceptedInstrument = IoMeter.CreateCounter<long>("wiimmfi.io.tcp.accepted");
    private static readonly Counter<long> FramesInstrument = IoMeter.CreateCounter<long>("wiimmfi.io.tcp.frames_received");
    private static readonly Counter<long> MalformedInstrument = IoMeter.CreateCounter<long>("wiimmfi.io.tcp.malformed_input");
    private static readonly Counter<long> BytesReadInstrument = IoMeter.CreateCounter<long>("wiimmfi.io.tcp.bytes_read", "By");
    private static readonly Counter<long> BytesWrittenInstrument = IoMeter.CreateCounter<long>("wiimmfi.io.tcp.bytes_written", "By");
    private static readonly Counter<long> WriteOverflowInstrument = IoMeter.CreateCounter<long>("wiimmfi.io.tcp.write_overflows");

    private readonly KeyValuePair<string, object?> _tag;
    private long _open;
    private long _accepted;
    private long _frames;
    private long _malformed;
    private long _bytesRead;
    private long _bytesWritten;
    private long _writeOverflows;

    public TcpFrontendMetrics(string protocol) => _tag = new("protocol", protocol);

    public long OpenConnections => Interlocked.Read(ref _open);
    public long Accepted => Interlocked.Read(ref _accepted);
    public long FramesReceived => Interlocked.Read(ref _frames);
    public long MalformedInputs => Interlocked.Read(ref _malformed);
    public long BytesRead => Interlocked.Read(ref _bytesRead);
    public long BytesWrittenTotal => Interlocked.Read(ref _bytesWritten);
    public long WriteOverflows => Interlocked.Read(ref _writeOverflows);

    internal void Opened()
    {
        Interlocked.Increment(ref _open);
        Interlocked.Increment(ref _accepted);
        OpenConnectionsInstrument.Add(1, _tag);
        AcceptedInstrument.Add(1, _tag);
    }

    internal void ClosedOne()
    {
        Interlocked.Decrement(ref _open);
        OpenConnectionsInstrument.Add(-1, _tag);
    }

    internal void Frame()
    {
        Interlocked.Increment(ref _frames);
        FramesInstrument.Add(1, _tag);
    }

    internal void Malformed()
    {
        Interlocked.Increment(ref _malformed);
        MalformedInstrument.Add(1, _tag);
    }

    internal void Read(long bytes)
    {
        Interlocked.Add(ref _bytesRead, bytes);
        BytesReadInstrument.Add(bytes, _tag);
    }

    internal void BytesWritten(long bytes)
    {
        Interlocked.Add(ref _bytesWritten, bytes);
        BytesWrittenInstrument.Add(bytes, _tag);
    }

    internal void WriteOverflow()
    {
        Interlocked.Increment(ref _writeOverflows);
        WriteOverflowInstrument.Add(1, _tag);
    }
}
