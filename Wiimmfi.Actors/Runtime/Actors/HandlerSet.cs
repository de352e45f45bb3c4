using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. One behaviour of a <see cref="ReceiveActor"/>: its handlers in registration order.
///
/// <para>Which handlers can take a given concrete message type is computed once per (handler types,
/// message type) pair and kept in a <see cref="Signature"/> shared by every behaviour with the same
/// handler types — all instances of one actor class, usually. The cache is copy-on-write: readers
/// never lock, a miss copies the small dictionary once.</para>
///
/// <para>The delegates themselves are usually shared too (<see cref="SharedHandlerSets"/>): an actor's
/// handlers are methods of the actor or lambdas that use only its fields, so the set built by one
/// instance works for every instance of that class once its delegates are re-made "open" (the actor is
/// passed at dispatch). A node holds an actor or three per console, each with one to three behaviours of
/// up to thirty handlers; per-instance delegate tables were the largest part of an idle console's memory.
/// A behaviour whose handlers capture anything else (a constructor argument, a local) keeps its own.</para>
/// </summary>
internal sealed class HandlerSet
{
    public static readonly HandlerSet Empty = new([], Signature.For([]));

    private readonly Entry[] _entries;
    private readonly Signature _signature;

    internal HandlerSet(Entry[] entries, Signature signature)
    {
        _entries = entries;
        _signature = signature;
    }

    internal Entry[] Entries => _entries;

    internal Signature HandlerSignature => _signature;

    /// <param name="owner">The actor whose behaviour this is (shared sets call their handlers on it).</param>
    public bool TryHandle(object owner, object message, out Task? pending)
    {
        var candidates = _signature.CandidatesFor(message.GetType());
        for (var i = 0; i < candidates.Length; i++)
        {
            ref readonly var entry = ref _entries[candidates[i]];
            if (entry.Invoker.TryInvoke(owner, entry.Handler, entry.Predicate, message, out pending)) return true;
        }
        pending = null;
        return false;
    }

    /// <summary>A registered handler: the delegates and a shared, typed invoker (no per-handler object).</summary>
    internal readonly struct Entry(Type messageType, Invoker invoker, Delegate? handler, Delegate? predicate)
    {
        public Type MessageType { get; } = messageType;
        public Invoker Invoker { get; } = invoker;
        /// <summary>The instance's delegate; null in a shared set, whose invoker holds open calls instead.</summary>
        public Delegate? Handler { get; } = handler;
        public Delegate? Predicate { get; } = predicate;

        public static Entry Sync<T>(Action<T> handler, Predicate<T>? predicate)
        {
            ArgumentNullException.ThrowIfNull(handler);
            return new Entry(typeof(T), SyncInvoker<T>.Instance, handler, predicate);
        }

        public static Entry Async<T>(Func<T, Task> handler, Predicate<T>? predicate)
        {
            ArgumentNullException.ThrowIfNull(handler);
            return new Entry(typeof(T), AsyncInvoker<T>.Instance, handler, predicate);
        }
    }

    internal abstract class Invoker
    {
        public abstract bool IsAsync { get; }

        public abstract bool TryInvoke(object owner, Delegate? handler, Delegate? predicate, object message, out Task? pending);
    }

    private sealed class SyncInvoker<T> : Invoker
    {
        public static readonly SyncInvoker<T> Instance = new();

        public override bool IsAsync => false;

        public override bool TryInvoke(object owner, Delegate? handler, Delegate? predicate, object message, out Task? pending)
        {
            pending = null;
            // The signature only offers handlers whose type accepts the message, so the casts are safe.
            var typed = typeof(T).IsValueType ? (T)message : Unsafe.As<object, T>(ref message);
            if (predicate is not null && !Unsafe.As<Predicate<T>>(predicate)(typed)) return false;
            Unsafe.As<Action<T>>(handler!)(typed);
            return true;
        }
    }

    private sealed class AsyncInvoker<T> : Invoker
    {
        public static readonly AsyncInvoker<T> Instance = new();

        public override bool IsAsync => true;

        public override bool TryInvoke(object owner, Delegate? handler, Delegate? predicate, object message, out Task? pending)
        {
            var typed = typeof(T).IsValueType ? (T)message : Unsafe.As<object, T>(ref message);
            if (predicate is not null && !Unsafe.As<Predicate<T>>(predicate)(typed))
            {
                pending = null;
                return false;
            }
            pending = RunInActorContext(Unsafe.As<Func<T, Task>>(handler!), typed);
            return true;
        }
    }

    /// <summary>Runs an asynchronous handler with the actor's synchronization context, so its continuations run inside the actor.</summary>
    internal static Task RunInActorContext<T>(Func<T, Task> handler, T message) => RunInActorContext(static (h, m) => Unsafe.As<Func<T, Task>>(h)(m), handler, message);

    /// <inheritdoc cref="RunInActorContext{T}(Func{T, Task}, T)"/>
    internal static Task RunInActorContext<T>(Func<object, T, Task> handler, object owner, T message)
    {
        var cell = ActorCell.Current;
        var previous = SynchronizationContext.Current;
        if (cell is not null) SynchronizationContext.SetSynchronizationContext(cell.SyncContext);
        try
        {
            return handler(owner, message) ?? Task.CompletedTask;
        }
        finally
        {
            if (cell is not null) SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    internal sealed class Builder
    {
        private readonly List<Entry> _entries = [];

        public void Add(Entry entry) => _entries.Add(entry);

        /// <param name="owner">The actor the handlers belong to: when they are all its methods or lambdas over its
        /// fields, the set comes back shared with every other instance of its class.</param>
        public HandlerSet Build(object owner)
        {
            var entries = _entries.ToArray();
            var types = new Type[entries.Length];
            for (var i = 0; i < entries.Length; i++) types[i] = entries[i].MessageType;
            var signature = Signature.For(types);
            return SharedHandlerSets.Find(owner, entries, signature) ?? new HandlerSet(entries, signature);
        }
    }

    /// <summary>The handler types of a behaviour and the per-message-type candidate cache.</summary>
    internal sealed class Signature
    {
        private static readonly ConcurrentDictionary<TypeList, Signature> Interned = new();

        private readonly Type[] _types;
        private volatile Dictionary<Type, int[]> _candidates = [];

        private Signature(Type[] types) => _types = types;

        public static Signature For(Type[] types) => Interned.GetOrAdd(new TypeList(types), static key => new Signature(key.Types));

        public int[] CandidatesFor(Type messageType) =>
            _candidates.TryGetValue(messageType, out var found) ? found : Add(messageType);

        private int[] Add(Type messageType)
        {
            var matches = new List<int>();
            for (var i = 0; i < _types.Length; i++)
                if (_types[i].IsAssignableFrom(messageType)) matches.Add(i);
            var result = matches.ToArray();
            lock (this)
            {
                var copy = new Dictionary<Type, int[]>(_candidates) { [messageType] = result };
                _candidates = copy;
            }
            return result;
        }
    }

    private readonly struct TypeList(Type[] types) : IEquatable<TypeList>
    {
        public Type[] Types { get; } = types;

        public bool Equals(TypeList other) => Types.AsSpan().SequenceEqual(other.Types);
        public override bool Equals(object? obj) => obj is TypeList t && Equals(t);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var t in Types) hash.Add(t);
            return hash.ToHashCode();
        }
    }
}
