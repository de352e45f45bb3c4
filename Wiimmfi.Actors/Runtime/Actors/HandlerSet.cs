using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. One behaviour of a <see cref="ReceiveActor"/>: its handlers in registration order.
///
/// <para>The instance holds only the delegates. Which handlers can take a given concrete message type is
/// computed once per (handler types, message type) pair and kept in a <see cref="Signature"/> shared by
/// every behaviour with the same handler types — all instances of one actor class, usually. The cache
/// is copy-on-write: readers never lock, a miss copies the small dictionary once.</para>
/// </summary>
internal sealed class HandlerSet
{
    public static readonly HandlerSet Empty = new([], Signature.For([]));

    private readonly Entry[] _entries;
    private readonly Signature _signature;

    private HandlerSet(Entry[] entries, Signature signature)
    {
        _entries = entries;
        _signature = signature;
    }

    public bool TryHandle(object message, out Task? pending)
    {
        var candidates = _signature.CandidatesFor(message.GetType());
        for (var i = 0; i < candidates.Length; i++)
        {
            ref readonly var entry = ref _entries[candidates[i]];
            if (entry.Invoker.TryInvoke(entry.Handler, entry.Predicate, message, out pending)) return true;
        }
        pending = null;
        return false;
    }

    /// <summary>A registered handler: the delegates and a shared, typed invoker (no per-handler object).</summary>
    internal readonly struct Entry(Type messageType, Invoker invoker, Delegate handler, Delegate? predicate)
    {
        public Type MessageType { get; } = messageType;
        public Invoker Invoker { get; } = invoker;
        public Delegate Handler { get; } = handler;
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
        public abstract bool TryInvoke(Delegate handler, Delegate? predicate, object message, out Task? pending);
    }

    private sealed class SyncInvoker<T> : Invoker
    {
        public static readonly SyncInvoker<T> Instance = new();

        public override bool TryInvoke(Delegate handler, Delegate? predicate, object message, out Task? pending)
        {
            pending = null;
            // The signature only offers handlers whose type accepts the message, so the casts are safe.
            var typed = typeof(T).IsValueType ? (T)message : Unsafe.As<object, T>(ref message);
            if (predicate is not null && !Unsafe.As<Predicate<T>>(predicate)(typed)) return false;
            Unsafe.As<Action<T>>(handler)(typed);
            return true;
        }
    }

    private sealed class AsyncInvoker<T> : Invoker
    {
        public static readonly AsyncInvoker<T> Instance = new();

        public override bool TryInvoke(Delegate handler, Delegate? predicate, object message, out Task? pending)
        {
            var typed = typeof(T).IsValueType ? (T)message : Unsafe.As<object, T>(ref message);
            if (predicate is not null && !Unsafe.As<Predicate<T>>(predicate)(typed))
            {
                pending = null;
                return false;
            }
            var cell = ActorCell.Current;
            var previous = SynchronizationContext.Current;
            if (cell is not null) SynchronizationContext.SetSynchronizationContext(cell.SyncContext);
            try
            {
                pending = Unsafe.As<Func<T, Task>>(handler)(typed) ?? Task.CompletedTask;
            }
            finally
            {
                if (cell is not null) SynchronizationContext.SetSynchronizationContext(previous);
            }
            return true;
        }
    }

    internal sealed class Builder
    {
        private readonly List<Entry> _entries = [];

        public void Add(Entry entry) => _entries.Add(entry);

        public HandlerSet Build()
        {
            var entries = _entries.ToArray();
            var types = new Type[entries.Length];
            for (var i = 0; i < entries.Length; i++) types[i] = entries[i].MessageType;
            return new HandlerSet(entries, Signature.For(types));
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
