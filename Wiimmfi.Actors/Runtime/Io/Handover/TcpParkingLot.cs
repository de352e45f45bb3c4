using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime.Io.Handover;

/// <summary>
/// Lazy adoption of handed-over TCP connections (smart restart, successor side). Building a served connection —
/// Kestrel's socket connection with its pipes, the read loop, the connection and handler actors, the handler's
/// state read from JSON — costs a few hundred microseconds of CPU; at 10,000 consoles that alone took longer than
/// the whole switch may. So during the switch each received descriptor is only <i>parked</i>: registered in one
/// epoll set of this lot's own (one <c>epoll_ctl</c>), with whatever the caller needs to build it later. A connection
/// is then <i>woken</i> — handed to the caller's wake delegate, which builds it exactly as an eager adoption would —
///
///   * as soon as the console sends something, closes, or fails (<c>EPOLLIN | EPOLLRDHUP</c>, one-shot): a
///     console that is talking never waits for the idle ones;
///   * at once, by the caller, when the predecessor owed it bytes (never parked at all);
///   * in the background, once <see cref="WakeTheRest"/> is called (after the switch): a few at a time, between two
///     looks at the epoll set, so every connection is served again within a second or two — GPCM sessions resume
///     (friends see the console online and its pushes are delivered), keep-alives run again — while a console that
///     sends something still goes first.
///
/// Invariants: each parked descriptor is woken exactly once (an atomic flag per slot), and it leaves this lot's epoll
/// set before the wake delegate sees it, so the only reader of the socket afterwards is the connection built for it.
/// Nothing is read or written while a connection is parked, so the kernel's byte counts a later hand-over uses as
/// baselines are the same when it wakes as when it arrived. What can go wrong: the wake delegate throws (logged; the
/// delegate owns the descriptor from the moment it is called and must close it on failure); epoll itself fails (every
/// remaining connection is woken at once, which is today's eager adoption, only later).
/// One dedicated thread waits on the epoll set and does the waking; it ends when the lot is empty.
/// </summary>
/// <typeparam name="T">What the caller needs to build the connection (its hand-over record).</typeparam>
public sealed unsafe class TcpParkingLot<T> : IDisposable
{
    /// <summary>Background wakes between two looks at the epoll set: small, so a talking console waits for few.</summary>
    private const int BackgroundBatch = 16;

    private const int MaxEvents = 64;

    private readonly Action<int, T> _wake;
    private readonly ILogger _logger;
    private readonly int _epoll;
    private readonly object _lock = new();
    private readonly System.Diagnostics.Stopwatch _clock = new();
    private Slot[] _slots = new Slot[256];
    private int _count;
    private int _parked;
    private int _backgroundCursor;
    private volatile bool _wakeTheRest;
    private volatile bool _disposed;
    private Thread? _thread;
    private long _wokenByInput;
    private long _wokenInBackground;

    public TcpParkingLot(Action<int, T> wake, ILogger logger)
    {
        if (!LibC.IsSupported) throw new PlatformNotSupportedException("parking connections needs Linux (epoll)");
        _wake = wake;
        _logger = logger;
        _epoll = LibC.EpollCreate1(LibC.EpollCloexec);
        if (_epoll < 0) throw LibC.LastError("epoll_create1");
    }

    /// <summary>Connections parked and not yet woken.</summary>
    public int Parked => Volatile.Read(ref _parked);

    /// <summary>Connections woken because their console sent something (or closed) while parked.</summary>
    public long WokenByInput => Interlocked.Read(ref _wokenByInput);

    /// <summary>Connections woken by <see cref="WakeTheRest"/>.</summary>
    public long WokenInBackground => Interlocked.Read(ref _wokenInBackground);

    /// <summary>Completes when every parked connection has been woken (or the lot disposed).</summary>
    public Task Emptied => _emptied.Task;

    private readonly TaskCompletionSource _emptied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Slot(int descriptor, T payload)
    {
        public readonly int Descriptor = descriptor;
        public T? Payload = payload;
        public int Woken;
    }

    /// <summary>
    /// Parks <paramref name="descriptor"/> (owned by the lot from here until it is handed to the wake delegate).
    /// If the console has already sent something, it is woken at once by the lot's thread.
    /// </summary>
    public void Park(int descriptor, T payload)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int index;
        lock (_lock)
        {
            if (_count == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
            index = _count++;
            _slots[index] = new Slot(descriptor, payload);
        }
        Interlocked.Increment(ref _parked);
        var ev = stackalloc byte[16];
        *(uint*)ev = LibC.EpollIn | LibC.EpollRdHup | LibC.EpollOneShot;
        *(ulong*)(ev + LibC.EpollEventDataOffset) = (ulong)index;
        if (LibC.EpollCtl(_epoll, LibC.EpollCtlAdd, descriptor, ev) != 0)
        {
            // Not watchable (should not happen for a TCP socket): serve it now rather than lose it.
            _logger.LogWarning("Parking a handed-over connection failed ({Error}); adopting it at once", SocketDescriptors.LastErrorMessage);
            WakeSlot(index, byInput: false);
            return;
        }
        if (_thread is null)
        {
            _clock.Start();
            _thread = new Thread(Run) { IsBackground = true, Name = "tcp-parking-lot" };
            _thread.Start();
        }
    }

    /// <summary>
    /// From now on every parked connection is woken, a few at a time, talking consoles first. Call it after the last
    /// <see cref="Park"/>: the lot closes once it is empty.
    /// </summary>
    public void WakeTheRest()
    {
        _wakeTheRest = true;
        if (_thread is null) Finish();
    }

    private void Run()
    {
        var size = LibC.EpollEventSize;
        var dataOffset = LibC.EpollEventDataOffset;
        var events = stackalloc byte[size * MaxEvents];
        try
        {
            while (!_disposed)
            {
                var background = _wakeTheRest;
                if (background && Volatile.Read(ref _parked) == 0) break;
                // While only input wakes connections, look every 20 ms (and notice the call to wake the rest);
                // while waking the rest, do not wait at all.
                var n = LibC.EpollWait(_epoll, events, MaxEvents, background ? 0 : 20);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == 4) continue; // EINTR
                    _logger.LogWarning("Waiting on parked connections failed ({Error}); adopting every one now", SocketDescriptors.LastErrorMessage);
                    WakeAll();
                    break;
                }
                for (var i = 0; i < n; i++)
                    WakeSlot((int)*(ulong*)(events + i * size + dataOffset), byInput: true);
                if (!background) continue;
                for (var woken = 0; woken < BackgroundBatch && _backgroundCursor < Volatile.Read(ref _count); _backgroundCursor++)
                {
                    if (WakeSlot(_backgroundCursor, byInput: false)) woken++;
                }
            }
        }
        finally
        {
            Finish();
        }
    }

    private void WakeAll()
    {
        for (var i = 0; i < Volatile.Read(ref _count); i++) WakeSlot(i, byInput: false);
    }

    private bool WakeSlot(int index, bool byInput)
    {
        Slot slot;
        lock (_lock)
        {
            if ((uint)index >= (uint)_count) return false;
            slot = _slots[index];
        }
        if (Interlocked.Exchange(ref slot.Woken, 1) != 0) return false;
        LibC.EpollCtl(_epoll, LibC.EpollCtlDel, slot.Descriptor, null);
        Interlocked.Decrement(ref _parked);
        if (byInput) Interlocked.Increment(ref _wokenByInput);
        else if (_wakeTheRest) Interlocked.Increment(ref _wokenInBackground);
        var payload = slot.Payload!;
        slot.Payload = default;
        try
        {
            _wake(slot.Descriptor, payload);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning(e, "Waking a parked connection failed");
        }
        return true;
    }

    private void Finish()
    {
        if (_emptied.Task.IsCompleted) return;
        _logger.LogInformation("Parked connections all served: {Total} in {Ms} ms, {Input} woken by their console, {Background} in the background",
            Volatile.Read(ref _count), _clock.ElapsedMilliseconds, WokenByInput, WokenInBackground);
        LibC.Close(_epoll);
        _emptied.TrySetResult();
    }

    /// <summary>Stops the lot: connections still parked are closed (their consoles reconnect).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _thread?.Join(TimeSpan.FromSeconds(2));
        lock (_lock)
        {
            for (var i = 0; i < _count; i++)
                if (Interlocked.Exchange(ref _slots[i].Woken, 1) == 0) LibC.Close(_slots[i].Descriptor);
        }
        if (_thread is null) Finish();
    }
}
