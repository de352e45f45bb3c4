using System.Collections.Concurrent;

namespace Wiimmfi.Host.Node;

/// <summary>
/// A small typed registry through which modules share what one creates and another uses (the game list,
/// a shard region's reference…). Registration happens during start-up only.
/// </summary>
public sealed class NodeServices
{
    private readonly ConcurrentDictionary<Type, object> _services = new();

    public void Add<T>(T service) where T : class
    {
        if (!_services.TryAdd(typeof(T), service))
            throw new InvalidOperationException($"{typeof(T).Name} is already registered");
    }

    public T Get<T>() where T : class =>
        _services.TryGetValue(typeof(T), out var service)
            ? (T)service
            : throw new InvalidOperationException($"{typeof(T).Name} is not registered: is the module that provides it enabled and started first?");

    public bool TryGet<T>(out T? service) where T : class
    {
        var found = _services.TryGetValue(typeof(T), out var value);
        service = value as T;
        return found;
    }
}
