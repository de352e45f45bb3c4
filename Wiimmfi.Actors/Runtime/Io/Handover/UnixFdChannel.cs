using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Wiimmfi.Actors.Runtime.Io.Handover;

/// <summary>
/// A message channel between two processes over a Unix stream socket that can carry open descriptors with
/// each message — how a running node hands its sockets to its successor.
///
/// Wire format of one message: <c>u32 length (big-endian) · u16 descriptor count · u8 kind · payload</c>,
/// where length counts everything after itself. The descriptors travel as <c>SCM_RIGHTS</c> ancillary data of
/// the same <c>sendmsg</c>; the receiver keeps every descriptor it gets in arrival order and hands each message
/// the number it announced, so it does not matter how the kernel splits the stream. At most
/// <see cref="MaxDescriptorsPerMessage"/> ride on one message (the kernel's limit is 253).
///
/// The channel is blocking and single-threaded per direction: a hand-over is a short, ordered conversation.
/// Received descriptors are owned by the receiver (close them or wrap them in a Socket).
/// </summary>
public sealed unsafe class UnixFdChannel : IDisposable
{
    public const int MaxDescriptorsPerMessage = 200;

    /// <summary>Largest message accepted: the biggest hand-over message is a batch of connections.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    private const int HeaderBytes = 4 + 2 + 1;

    private readonly Socket _socket;
    private readonly Queue<int> _receivedDescriptors = new();
    private byte[] _buffer = new byte[64 * 1024];
    private int _bufferStart;
    private int _bufferEnd;

    public UnixFdChannel(Socket socket)
    {
        if (!LibC.IsSupported) throw new PlatformNotSupportedException("descriptor passing needs Linux");
        _socket = socket;
        _socket.Blocking = true;
    }

    /// <summary>Listens on <paramref name="path"/> (replacing a stale file) and returns the listening socket.</summary>
    public static Socket Listen(string path)
    {
        if (File.Exists(path)) File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(1);
        return listener;
    }

    public static UnixFdChannel Connect(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(path));
        return new UnixFdChannel(socket);
    }

    /// <summary>Receive timeout for <see cref="Receive"/>; infinite by default.</summary>
    public TimeSpan ReceiveTimeout
    {
        get => TimeSpan.FromMilliseconds(_socket.ReceiveTimeout);
        set => _socket.ReceiveTimeout = value == Timeout.InfiniteTimeSpan ? 0 : (int)Math.Max(1, value.TotalMilliseconds);
    }

    /// <summary>Sends one message with the given descriptors (which stay open here: the receiver gets copies).</summary>
    public void Send(byte kind, ReadOnlySpan<byte> payload, ReadOnlySpan<int> descriptors = default)
    {
        if (descriptors.Length > MaxDescriptorsPerMessage)
            throw new ArgumentException($"at most {MaxDescriptorsPerMessage} descriptors per message", nameof(descriptors));
        if (payload.Length > MaxMessageBytes - HeaderBytes)
            throw new ArgumentException("message too large", nameof(payload));
        var frame = new byte[HeaderBytes + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frame.Length - 4));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)descriptors.Length);
        frame[6] = kind;
        payload.CopyTo(frame.AsSpan(HeaderBytes));

        var sent = 0;
        fixed (byte* data = frame)
        {
            // The first sendmsg carries the descriptors; any remainder is plain stream data.
            var controlSpace = descriptors.IsEmpty ? 0 : LibC.ControlSpace(descriptors.Length * sizeof(int));
            var control = stackalloc byte[Math.Max(controlSpace, 1)];
            if (controlSpace > 0)
            {
                new Span<byte>(control, controlSpace).Clear();
                var header = (LibC.ControlMessageHeader*)control;
                header->Length = (nuint)LibC.ControlLength(descriptors.Length * sizeof(int));
                header->Level = LibC.SolSocket;
                header->Type = LibC.ScmRights;
                descriptors.CopyTo(new Span<int>(control + LibC.ControlAlign(sizeof(LibC.ControlMessageHeader)), descriptors.Length));
            }
            while (sent < frame.Length)
            {
                var iov = new LibC.IoVec { Base = data + sent, Length = (nuint)(frame.Length - sent) };
                var message = new LibC.MessageHeader { Iov = &iov, IovLength = 1 };
                if (sent == 0 && controlSpace > 0)
                {
                    message.Control = control;
                    message.ControlLength = (nuint)controlSpace;
                }
                var n = LibC.SendMsg((int)_socket.Handle, &message, 0);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == 4) continue; // EINTR
                    throw LibC.LastError("sendmsg");
                }
                sent += (int)n;
            }
        }
    }

    /// <summary>Receives the next message, or null when the other side closed the channel.</summary>
    public HandoverFrame? Receive()
    {
        while (true)
        {
            if (TryCutFrame(out var frame)) return frame;
            if (!Fill()) return null;
        }
    }

    private bool TryCutFrame(out HandoverFrame frame)
    {
        frame = default!;
        var available = _bufferEnd - _bufferStart;
        if (available < HeaderBytes) return false;
        var span = _buffer.AsSpan(_bufferStart, available);
        var length = BinaryPrimitives.ReadUInt32BigEndian(span);
        if (length < HeaderBytes - 4 || length > MaxMessageBytes)
            throw new InvalidDataException($"hand-over message of {length} bytes is out of bounds");
        var total = (int)length + 4;
        if (available < total)
        {
            if (_buffer.Length < total)
            {
                var bigger = new byte[Math.Max(total, _buffer.Length * 2)];
                span.CopyTo(bigger);
                _buffer = bigger;
                _bufferEnd = available;
                _bufferStart = 0;
            }
            return false;
        }
        var descriptorCount = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
        if (_receivedDescriptors.Count < descriptorCount)
            throw new InvalidDataException($"message announced {descriptorCount} descriptors but {_receivedDescriptors.Count} arrived");
        var descriptors = new int[descriptorCount];
        for (var i = 0; i < descriptorCount; i++) descriptors[i] = _receivedDescriptors.Dequeue();
        frame = new HandoverFrame(span[6], span.Slice(HeaderBytes, total - HeaderBytes).ToArray(), descriptors);
        _bufferStart += total;
        if (_bufferStart == _bufferEnd) _bufferStart = _bufferEnd = 0;
        return true;
    }

    private bool Fill()
    {
        if (_bufferStart > 0 && _bufferEnd == _buffer.Length)
        {
            Array.Copy(_buffer, _bufferStart, _buffer, 0, _bufferEnd - _bufferStart);
            _bufferEnd -= _bufferStart;
            _bufferStart = 0;
        }
        var controlSpace = LibC.ControlSpace(253 * sizeof(int));
        var control = stackalloc byte[controlSpace];
        fixed (byte* data = _buffer)
        {
            while (true)
            {
                var iov = new LibC.IoVec { Base = data + _bufferEnd, Length = (nuint)(_buffer.Length - _bufferEnd) };
                var message = new LibC.MessageHeader { Iov = &iov, IovLength = 1, Control = control, ControlLength = (nuint)controlSpace };
                var n = LibC.RecvMsg((int)_socket.Handle, &message, LibC.MsgCmsgCloexec);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == 4) continue; // EINTR
                    if (errno is 11 or 110) throw new TimeoutException("no hand-over message arrived in time");
                    throw LibC.LastError("recvmsg");
                }
                CollectDescriptors(control, message.ControlLength);
                if (n == 0) return false;
                _bufferEnd += (int)n;
                return true;
            }
        }
    }

    private void CollectDescriptors(byte* control, nuint controlLength)
    {
        var offset = 0;
        var headerSize = LibC.ControlAlign(sizeof(LibC.ControlMessageHeader));
        while (offset + sizeof(LibC.ControlMessageHeader) <= (int)controlLength)
        {
            var header = (LibC.ControlMessageHeader*)(control + offset);
            if (header->Length < (nuint)sizeof(LibC.ControlMessageHeader)) break;
            if (header->Level == LibC.SolSocket && header->Type == LibC.ScmRights)
            {
                var count = ((int)header->Length - headerSize) / sizeof(int);
                var fds = (int*)(control + offset + headerSize);
                for (var i = 0; i < count; i++) _receivedDescriptors.Enqueue(fds[i]);
            }
            offset += LibC.ControlAlign((int)header->Length);
        }
    }

    public void Dispose()
    {
        // Descriptors that arrived but were never claimed would leak: close them.
        while (_receivedDescriptors.TryDequeue(out var fd)) LibC.Close(fd);
        _socket.Dispose();
    }
}

/// <summary>One message received on a <see cref="UnixFdChannel"/>: its kind, payload and the descriptors it carried.</summary>
public sealed record HandoverFrame(byte Kind, byte[] Payload, int[] Descriptors);
