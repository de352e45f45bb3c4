using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// A tree of actors with its services: the scheduler, the event stream, dead letters, coordinated
/// shutdown, metrics. Top-level actors live under <c>/user</c>; runtime services under <c>/system</c>.
/// Create one per process (tests may create many); end it with <see cref="Terminate"/>.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ActorCell _rootCell;
    private readonly LocalActorRef _userGuardian;
    private readonly LocalActorRef _systemGuardian;
    private readonly TaskCompletionSource _userGuardianStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _systemGuardianStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _rootStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private readonly Lazy<CoordinatedShutdown> _coordinatedShutdown;
    private long _uidCounter = Random.Shared.NextInt64(1, long.MaxValue / 2);
    private int _finalTerminationStarted;
    private volatile bool _terminatedFlag;

    private ActorSystem(string name, ActorSystemSettings settings, ILoggerFactory loggerFactory)
    {
        Name = name;
        Settings = settings;
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("Wiimmfi.Actors.ActorSystem");
        Address = new Address(name, settings.Host, settings.Port);
        var rootPath = new RootActorPath(Address);
        MetricsInternal = new ActorSystemMetrics(name);
        EventStream = new EventStream(this);
        DeadLetterRef = new DeadLetterActorRef(this, rootPath / "deadLetters");
        Scheduler = new Scheduler(this, settings.TimeProvider);
        Temp = new TempContainer(rootPath / "temp");
        _coordinatedShutdown = new Lazy<CoordinatedShutdown>(() => new CoordinatedShutdown(this), LazyThreadSafetyMode.ExecutionAndPublication);

        var rootStrategy = new OneForOneStrategy(static _ => Directive.Stop);
        _rootCell = new ActorCell(this, rootPath, Props.Create(() => new Guardian(rootStrategy)), new RootSupervisor(this, rootPath / "bubble-walker"));
        MetricsInternal.ActorStarted();
        _rootCell.Self.SendSystemMessage(new Create());
        _userGuardian = _rootCell.AttachChild(Props.Create(() => new Guardian(SupervisorStrategy.Default)), "user", systemService: true);
        _systemGuardian = _rootCell.AttachChild(Props.Create(() => new Guardian(SupervisorStrategy.Default)), "system", systemService: true);
    }

    /// <summary>Creates and starts an actor system.</summary>
    /// <param name="name">Letters, digits, '-' and '_' (it appears in every actor path).</param>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                throw new ArgumentException($"Actor system name [{name}] may only contain letters, digits, '-' and '_'.", nameof(name));
        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        return new ActorSystem(name, settings, loggerFactory ?? NullLoggerFactory.Instance);
    }

    public string Name { get; }
    public ActorSystemSettings Settings { get; }
    public ILoggerFactory LoggerFactory { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ILogger> _actorLoggers = new();

    /// <summary>The logger of an actor class (its category), made once per class: actors wrap it on demand instead of keeping one each.</summary>
    internal ILogger LoggerForActorType(Type actorType) =>
        _actorLoggers.GetOrAdd(actorType, static (t, factory) => factory.CreateLogger(t.FullName ?? t.Name), LoggerFactory);
    internal ILogger Logger { get; }

    /// <summary>This node's address (system name, and host:port once it is reachable from other nodes).</summary>
    public Address Address { get; }

    public Scheduler Scheduler { get; }
    public EventStream EventStream { get; }

    /// <summary>Counters for the management API and the <c>Wiimmfi.Actors</c> meter.</summary>
    public ActorSystemMetrics Metrics => MetricsInternal;

    internal ActorSystemMetrics MetricsInternal { get; }
    internal DeadLetterActorRef DeadLetterRef { get; }
    internal TempContainer Temp { get; }
    internal bool IsTerminatedFlag => _terminatedFlag;

    /// <summary>The dead-letter reference: what is told to it is published as <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters => DeadLetterRef;

    /// <summary>The ordered shutdown of this system (also run by <see cref="Terminate"/>).</summary>
    public CoordinatedShutdown CoordinatedShutdown => _coordinatedShutdown.Value;

    /// <summary>Completes when the system has terminated (every actor stopped).</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Starts a top-level actor (<c>/user/name</c>). Thread-safe.</summary>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (name is not null) ActorNames.Validate(name);
        return _userGuardian.Cell.AttachChild(props, name, systemService: false);
    }

    /// <summary>Starts a runtime service actor (<c>/system/name</c>): shard regions, I/O managers.</summary>
    public IActorRef SystemActorOf(Props props, string name)
    {
        ActorNames.Validate(name);
        return _systemGuardian.Cell.AttachChild(props, name, systemService: false);
    }

    /// <summary>Stops an actor (asynchronously; pending messages become dead letters).</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var target = actor as IInternalActorRef ?? (IInternalActorRef)ResolveActorRef(actor.Path.ToSerializationFormat());
        target.SendSystemMessage(new Terminate());
    }

    /// <summary>
    /// Finds a local actor by its path string (<c>wiimmfi://sys/user/a</c> or <c>/user/a</c>, optionally
    /// with <c>#uid</c>). Anything that names no live actor of this system yields a reference whose
    /// messages become dead letters.
    /// </summary>
    public IActorRef ResolveActorRef(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!ActorPath.TryParse(path, out var address, out var elements, out var uid)) return DeadLetterRef;
        var rootPath = _rootCell.Self.Path;
        ActorPath Unresolved()
        {
            ActorPath p = address is null ? rootPath : new RootActorPath(address);
            foreach (var e in elements) p = p / e;
            return uid != 0 ? p.WithUid(uid) : p;
        }
        if (address is not null && !IsThisNode(address)) return new EmptyLocalActorRef(this, Unresolved());
        var found = ResolveLocal(elements);
        if (found is null || (uid != 0 && found.Path.Uid != uid)) return new EmptyLocalActorRef(this, Unresolved());
        return found;
    }

    /// <summary>Finds a local actor by path (see <see cref="ResolveActorRef(string)"/>).</summary>
    public IActorRef ResolveActorRef(ActorPath path) => ResolveActorRef(path.ToSerializationFormat());

    private bool IsThisNode(Address address) =>
        address.System == Address.System && (address.Host is null || (address.Host == Address.Host && address.Port == Address.Port));

    private IActorRef? ResolveLocal(string[] elements)
    {
        if (elements.Length == 0) return _rootCell.Self;
        switch (elements[0])
        {
            case "deadLetters" when elements.Length == 1:
                return DeadLetterRef;
            case "temp":
                return elements.Length == 2 ? Temp.Get(elements[1]) : null;
        }
        LocalActorRef? current = _rootCell.Self;
        foreach (var element in elements)
        {
            current = current.Cell.GetChild(element);
            if (current is null) return null;
        }
        return current;
    }

    /// <summary>
    /// Shuts the system down through its <see cref="CoordinatedShutdown"/> (every phase in order, the
    /// last one stopping all actors). Idempotent; returns <see cref="WhenTerminated"/>.
    /// </summary>
    public Task Terminate()
    {
        _ = CoordinatedShutdown.Run(CoordinatedShutdown.ActorSystemTerminateReason);
        return WhenTerminated;
    }

    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    /// <summary>Returns the extension of type <typeparamref name="T"/>, creating it once.</summary>
    public T GetOrAddExtension<T>(Func<ActorSystem, T> factory) where T : class =>
        (T)_extensions.GetOrAdd(typeof(T), static (_, arg) => arg.factory(arg.system), (factory, system: this));

    internal long NextUid() => Interlocked.Increment(ref _uidCounter);

    /// <summary>The final phase: stop /user, then /system, then the root.</summary>
    internal async Task StopAllActorsAsync()
    {
        if (Interlocked.Exchange(ref _finalTerminationStarted, 1) == 1)
        {
            await _terminated.Task.ConfigureAwait(false);
            return;
        }
        _userGuardian.SendSystemMessage(new Terminate());
        await _userGuardianStopped.Task.ConfigureAwait(false);
        _systemGuardian.SendSystemMessage(new Terminate());
        await _systemGuardianStopped.Task.ConfigureAwait(false);
        _rootCell.Self.SendSystemMessage(new Terminate());
        await _rootStopped.Task.ConfigureAwait(false);
        _terminatedFlag = true;
        MetricsInternal.Dispose();
        RuntimeLog.SystemTerminated(Logger, Name);
        _terminated.TrySetResult();
    }

    internal void OnTopLevelGuardianTerminated(LocalActorRef guardian)
    {
        if (ReferenceEquals(guardian, _userGuardian))
        {
            _userGuardianStopped.TrySetResult();
            if (Volatile.Read(ref _finalTerminationStarted) == 0)
            {
                RuntimeLog.GuardianStoppedUnexpectedly(Logger, guardian.Path);
                _ = Terminate();
            }
        }
        else if (ReferenceEquals(guardian, _systemGuardian))
        {
            _systemGuardianStopped.TrySetResult();
            if (Volatile.Read(ref _finalTerminationStarted) == 0)
            {
                RuntimeLog.GuardianStoppedUnexpectedly(Logger, guardian.Path);
                _ = Terminate();
            }
        }
    }

    internal void OnFatalGuardianFailure() => _ = Terminate();

    internal void OnRootTerminated()
    {
        _userGuardianStopped.TrySetResult();
        _systemGuardianStopped.TrySetResult();
        _rootStopped.TrySetResult();
    }

    public override string ToString() => Address.ToString();
}
