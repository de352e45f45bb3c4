using System.Net;

namespace Wiimmfi.LoadTest.Targets;

/// <summary>
/// Where a run sends its traffic: one loopback address, named ports ("gpcm", "management", …) and the loopback
/// source addresses virtual users are spread over (so a capacity run can open more connections than one source
/// address has ports). Every address is checked when the target is made, so a scenario cannot reach another host
/// through it.
/// </summary>
public sealed class LoadTarget
{
    private readonly IReadOnlyDictionary<string, int> _ports;

    public LoadTarget(IPAddress address, IReadOnlyDictionary<string, int>? ports = null, IReadOnlyList<IPAddress>? sourceAddresses = null)
    {
        Address = LoopbackAddresses.Require(address);
        var checkedPorts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, port) in ports ?? new Dictionary<string, int>())
        {
            if (port is < 0 or > IPEndPoint.MaxPort) throw new ArgumentOutOfRangeException(nameof(ports), $"port {name}={port} is outside 0-65535");
            checkedPorts[name] = port;
        }
        _ports = checkedPorts;
        var sources = new List<IPAddress>();
        foreach (var source in sourceAddresses ?? []) sources.Add(LoopbackAddresses.Require(source));
        SourceAddresses = sources;
    }

    /// <summary>Parses <c>127.0.0.1</c>, <c>::1</c> or <c>localhost</c>; anything else is refused.</summary>
    public static LoadTarget Parse(string address, IReadOnlyDictionary<string, int>? ports = null, IReadOnlyList<IPAddress>? sourceAddresses = null) =>
        new(LoopbackAddresses.Parse(address), ports, sourceAddresses);

    public IPAddress Address { get; }

    public IReadOnlyDictionary<string, int> Ports => _ports;

    /// <summary>Loopback addresses users bind their sockets to, round-robin by user id; empty means "let the OS choose".</summary>
    public IReadOnlyList<IPAddress> SourceAddresses { get; }

    /// <summary>The endpoint of a named port, or <paramref name="defaultPort"/> when the run did not name it.</summary>
    public IPEndPoint Endpoint(string portName, int? defaultPort = null)
    {
        if (_ports.TryGetValue(portName, out var port)) return new IPEndPoint(Address, port);
        if (defaultPort is { } fallback) return new IPEndPoint(Address, fallback);
        throw new InvalidOperationException($"the target has no port named '{portName}'; pass --ports {portName}=<port>");
    }

    /// <summary>A copy with more (or replaced) named ports.</summary>
    public LoadTarget WithPorts(IReadOnlyDictionary<string, int> ports)
    {
        var merged = new Dictionary<string, int>(_ports, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, port) in ports) merged[name] = port;
        return new LoadTarget(Address, merged, SourceAddresses);
    }

    public override string ToString() =>
        _ports.Count == 0 ? Address.ToString() : $"{Address} ({string.Join(", ", _ports.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))})";
}
