using System.Net;
using System.Net.Sockets;
using Wiimmfi.Actors.Runtime.Io.Handover;

namespace Wiimmfi.Host.Node;

/// <summary>
/// The node's TCP listening sockets, created and owned here rather than by Kestrel: Kestrel serves each through
/// <c>ListenHandle</c> on a duplicate descriptor, so the node can hand the socket itself to a successor process at
/// smart restart, and make Kestrel's copy a dead placeholder so it accepts nothing more. A socket handed over by a
/// predecessor is used instead of a new bind, so the port never closes between the two processes.
/// </summary>
public sealed class ListenSockets : IDisposable
{
    /// <summary>Pending connections the kernel keeps per listener (capped by net.core.somaxconn, 4096 here): login storms queue rather than fail.</summary>
    public const int Backlog = 4096;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, Socket> _inherited;
    private static readonly Lazy<Socket> Placeholder = new(() =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(1);
        return socket;
    });

    public ListenSockets(IReadOnlyDictionary<string, Socket>? inherited = null) =>
        _inherited = inherited ?? new Dictionary<string, Socket>();

    private sealed record Entry(string Name, Socket Socket, int KestrelDescriptor);

    /// <summary>
    /// The listening socket for <paramref name="name"/>: the predecessor's if one was handed over, otherwise a new
    /// one bound to <paramref name="endpoint"/> (a refused port names <paramref name="setting"/>). Returns the
    /// descriptor to give Kestrel's <c>ListenHandle</c>.
    /// </summary>
    public ulong Open(string name, IPEndPoint endpoint, string setting)
    {
        if (_entries.ContainsKey(name)) throw new InvalidOperationException($"listener '{name}' opened twice");
        if (!_inherited.TryGetValue(name, out var socket))
        {
            socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(endpoint);
                socket.Listen(Backlog);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw ListenerErrors.CannotBind(name, "TCP", endpoint, setting, e);
            }
        }
        var kestrelCopy = SocketDescriptors.Duplicate(socket);
        _entries[name] = new Entry(name, socket, kestrelCopy);
        return (ulong)kestrelCopy;
    }

    /// <summary>Where <paramref name="name"/> really listens.</summary>
    public IPEndPoint LocalEndPoint(string name) => (IPEndPoint)_entries[name].Socket.LocalEndPoint!;

    public IReadOnlyCollection<string> Names => _entries.Keys;

    /// <summary>A duplicate descriptor of each listener, for the successor (this process keeps serving meanwhile).</summary>
    public IReadOnlyList<(string Name, int Descriptor)> DuplicateForSuccessor() =>
        [.. _entries.Values.Select(e => (e.Name, SocketDescriptors.Duplicate(e.Socket)))];

    /// <summary>
    /// Stops this process accepting: Kestrel's descriptors now name a placeholder nobody connects to, so every new
    /// connection waits in the (shared) backlog for the successor.
    /// </summary>
    public void StopAccepting()
    {
        foreach (var entry in _entries.Values) SocketDescriptors.Replace(entry.KestrelDescriptor, Placeholder.Value);
    }

    /// <summary>Closes the listeners. Call after Kestrel has stopped: Kestrel never closes a handle given to
    /// <c>ListenHandle</c>, so its duplicate is closed here too (a test checks the port is closed after stop).</summary>
    /// <summary>Undoes <see cref="StopAccepting"/> (a hand-over that failed after the switch).</summary>
    public void ResumeAccepting()
    {
        foreach (var entry in _entries.Values) SocketDescriptors.Replace(entry.KestrelDescriptor, entry.Socket);
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            SocketDescriptors.Close(entry.KestrelDescriptor);
            entry.Socket.Dispose();
        }
        _entries.Clear();
    }
}
