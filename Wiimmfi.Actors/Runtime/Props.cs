namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// The recipe of an actor: how to make an instance (used again on every restart), the strategy that
/// supervises its children and its throughput. Immutable; the <c>With…</c> methods return copies.
/// </summary>
public sealed class Props
{
    // The factory is kept with its argument and a shared invoker, so Props made per connection or per entity
    // from one factory (created once) cost one object, not a closure and a delegate each.
    private readonly Delegate _factory;
    private readonly object? _argument;
    private readonly Func<Delegate, object?, ActorBase?> _invoke;

    private Props(Type actorType, Delegate factory, object? argument, Func<Delegate, object?, ActorBase?> invoke, SupervisorStrategy? strategy, int? throughput)
    {
        ActorType = actorType;
        _factory = factory;
        _argument = argument;
        _invoke = invoke;
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
        return new Props(typeof(T), factory, null, Invokers<T>.WithoutArgument, null, null);
    }

    /// <summary>
    /// Props that build the actor with <paramref name="factory"/> applied to <paramref name="argument"/> (again on every
    /// restart). Meant for actors made in numbers (one per connection, per entity): create the factory once and pass
    /// what differs as the argument.
    /// </summary>
    public static Props Create<TArgument, T>(Func<TArgument, T> factory, TArgument argument) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory, argument, Invokers<T>.Of<TArgument>.WithArgument, null, null);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(ActorType, _factory, _argument, _invoke, strategy, Throughput);
    }

    public Props WithThroughput(int throughput)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        return new Props(ActorType, _factory, _argument, _invoke, SupervisorStrategy, throughput);
    }

    internal ActorBase NewActor() => _invoke(_factory, _argument) ?? throw new InvalidOperationException($"The factory of {ActorType} returned null.");

    public override string ToString() => $"Props({ActorType.Name})";

    private static class DefaultProps<T> where T : ActorBase, new()
    {
        public static readonly Props Instance = Create(static () => new T());
    }

    private static class Invokers<T> where T : ActorBase
    {
        public static readonly Func<Delegate, object?, ActorBase?> WithoutArgument = static (factory, _) => ((Func<T>)factory)();

        public static class Of<TArgument>
        {
            public static readonly Func<Delegate, object?, ActorBase?> WithArgument = static (factory, argument) => ((Func<TArgument, T>)factory)((TArgument)argument!);
        }
    }
}
