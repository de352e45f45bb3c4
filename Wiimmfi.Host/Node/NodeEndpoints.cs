using System.Collections.Concurrent;
using System.Net;

namespace Wiimmfi.Host.Node;

/// <summary>
/// Where the node really listens, by listener name (<c>nas</c>, <c>gpcm</c>, <c>master</c>, <c>natneg</c>,
/// <c>natneg2</c>, <c>management</c>…). With port 0 in the configuration (tests) the real port is only known
/// after binding, so every component that binds reports here, and readiness checks that all did.
/// </summary>
public sealed class NodeEndpoints
{
    private readonly ConcurrentDictionary<string, BoundEndpoint> _bound = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, BoundEndpoint> All => _bound;

    public void Report(string name, IPEndPoint endpoint, string transport) =>
        _bound[name] = new BoundEndpoint(name, endpoint, transport);

    public IPEndPoint this[string name] =>
        _bound.TryGetValue(name, out var bound) ? bound.EndPoint : throw new KeyNotFoundException($"no listener named '{name}' is bound");

    public bool TryGet(string name, out IPEndPoint endpoint)
    {
        var found = _bound.TryGetValue(name, out var bound);
        endpoint = bound?.EndPoint ?? new IPEndPoint(IPAddress.None, 0);
        return found;
    }
}

/// <summary>One bound socket: its name, address and transport (<c>tcp</c>, <c>udp</c>, <c>http</c>).</summary>
public sealed record BoundEndpoint(string Name, IPEndPoint EndPoint, string Transport);
