namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// The recipe of an actor: how to make an instance (used again on every restart), the strategy that
/// supervises its children and its throughput. Immutable; the <c>With…</c> methods return copies.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, SupervisorStrategy? strategy, int? throughput)
    {
        ActorType = actorType;
        _factory = factory;
        SupervisorStrategy = strategy;
        Throughput = throughput;
    }

    /// <summary>The class of the actor.</summary>
    public Type ActorType { get; }

    /// <summary>Overrides the actor's own <c>SupervisorStrategy()</c> for its children; null = the actor's.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Messages per turn; null = the system default.</summary>
    public int? Throughput { get; }

    /// <summary>Props for an actor with a parameterless constructor (one shared instance per type).</summary>
    public static Props Create<T>() where T : ActorBase, new() => DefaultProps<T>.Instance;

    /// <summary>Props that build the actor with <paramref name="factory"/> (called again on every restart).</summary>
    public static Props Create<T>(Func<T> factory) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory, null, null);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(ActorType, _factory, strategy, Throughput);
    }

    public Props WithThroughput(int throughput)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        return new Props(ActorType, _factory, SupervisorStrategy, throughput);
    }

    internal ActorBase NewActor() => _factory() ?? throw new InvalidOperationException($"The factory of {ActorType} returned null.");

    public override string ToString() => $"Props({ActorType.Name})";

    private static class DefaultProps<T> where T : ActorBase, new()
    {
        public static readonly Props Instance = new(typeof(T), static () => new T(), null, null);
    }
}
