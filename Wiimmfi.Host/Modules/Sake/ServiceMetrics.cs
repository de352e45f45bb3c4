using System.Diagnostics.Metrics;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>
/// Counters of one HTTP service (SAKE, RACE, GAMESTATS, DLS1), published on the <c>Wiimmfi.Services</c> meter
/// with a <c>service</c> tag and readable as plain numbers for the management API (<c>GET /services/metrics</c>).
/// </summary>
public sealed class ServiceMetrics
{
    private static readonly Meter ServicesMeter = new("Wiimmfi.Services");
    private static readonly Counter<long> RequestsInstrument = ServicesMeter.CreateCounter<long>("wiimmfi.services.requests");
    private static readonly Counter<long> MalformedInstrument = ServicesMeter.CreateCounter<long>("wiimmfi.services.malformed");
    private static readonly Counter<long> RefusedInstrument = ServicesMeter.CreateCounter<long>("wiimmfi.services.refused");
    private static readonly Counter<long> FailedInstrument = ServicesMeter.CreateCounter<long>("wiimmfi.services.failed");

    private readonly KeyValuePair<string, object?> _tag;
    private long _requests;
    private long _malformed;
    private long _refused;
    private long _failed;

    public ServiceMetrics(string service)
    {
        Service = service;
        _tag = new("service", service);
    }

    public string Service { get; }

    /// <summary>Requests that reached the service.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests that could not be read: bad XML or form, oversized body, bad parameters (SOAP fault or protocol error).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Readable requests refused: wrong game key, bad ticket, unknown table or field, no permission, limits.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Requests the server failed on (store errors).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public void Request()
    {
        Interlocked.Increment(ref _requests);
        RequestsInstrument.Add(1, _tag);
    }

    public void MalformedRequest()
    {
        Interlocked.Increment(ref _malformed);
        MalformedInstrument.Add(1, _tag);
    }

    public void RefusedRequest()
    {
        Interlocked.Increment(ref _refused);
        RefusedInstrument.Add(1, _tag);
    }

    public void FailedRequest()
    {
        Interlocked.Increment(ref _failed);
        FailedInstrument.Add(1, _tag);
    }

    /// <summary>The counters as the management API shows them.</summary>
    public ServiceMetricsReport Report() => new(Service, Requests, Malformed, Refused, Failed);
}

/// <summary>One service's counters for <c>GET /services/metrics</c>.</summary>
public sealed record ServiceMetricsReport(string Service, long Requests, long Malformed, long Refused, long Failed);

/// <summary>The services' counters, registered in the node's services so one management route lists them all.</summary>
public sealed class ServiceMetricsRegistry
{
    private readonly List<ServiceMetrics> _all = [];
    private int _routeMapped;

    /// <summary>The node's registry, created by the first service module that asks.</summary>
    public static ServiceMetricsRegistry Of(Node.NodeContext node)
    {
        if (!node.Services.TryGet<ServiceMetricsRegistry>(out var registry) || registry is null)
        {
            registry = new ServiceMetricsRegistry();
            node.Services.Add(registry);
        }
        return registry;
    }

    /// <summary>True for the first caller only: that module maps <c>GET /services/metrics</c>.</summary>
    public bool ClaimManagementRoute() => Interlocked.Exchange(ref _routeMapped, 1) == 0;

    public ServiceMetrics For(string service)
    {
        lock (_all)
        {
            var existing = _all.Find(m => m.Service == service);
            if (existing is not null)
            {
                return existing;
            }
            var created = new ServiceMetrics(service);
            _all.Add(created);
            return created;
        }
    }

    public IReadOnlyList<ServiceMetricsReport> Reports()
    {
        lock (_all)
        {
            return [.. _all.Select(m => m.Report())];
        }
    }
}
