using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. Lets every instance of an actor class use one copy of each of its behaviours.
///
/// <para>A behaviour registered in a constructor is a list of delegates bound to that instance
/// (<c>Receive&lt;Login&gt;(Handle)</c>, or a lambda that only uses fields: both have the actor as their target).
/// The first instance's list is turned into a shared set: each handler bound to the actor becomes an open
/// call that takes the actor at dispatch; handlers with no per-instance target (static methods, lambdas that
/// capture nothing) are kept as they are. Later instances find the shared set when their handlers call the same
/// methods on the same kind of target, and drop their own delegates (they become garbage at once).</para>
///
/// <para><b>When a behaviour is not shared.</b> A handler or predicate bound to anything other than the actor
/// (a closure over a constructor argument or a local, another object's method) makes the whole behaviour
/// private to its instance, as before. A class whose constructor registers different handlers per instance gets
/// up to <see cref="MaxVariants"/> shared variants, then private sets.</para>
///
/// <para><b>Cost.</b> Building a behaviour compares each handler's method with the shared variant's
/// (<see cref="Delegate.Method"/>); the first instance of a class pays for reflection to make the open calls.
/// Dispatch through a shared set is one more delegate call than through a private one.</para>
/// </summary>
internal static class SharedHandlerSets
{
    private const int MaxVariants = 8;

    private static readonly ConcurrentDictionary<(Type Owner, HandlerSet.Signature Signature), Variant[]> Variants = new();
    private static readonly ConcurrentDictionary<Type, bool> StaticLambdaHolders = new();

    /// <summary>The shared set equivalent to <paramref name="entries"/> registered by <paramref name="owner"/>, or null.</summary>
    public static HandlerSet? Find(object owner, HandlerSet.Entry[] entries, HandlerSet.Signature signature)
    {
        if (entries.Length == 0) return null;
        foreach (var entry in entries)
        {
            if (!IsShareable(owner, entry.Handler!)) return null;
            if (entry.Predicate is { } predicate && !IsShareable(owner, predicate)) return null;
        }
        var key = (owner.GetType(), signature);
        var known = Variants.TryGetValue(key, out var found) ? found : [];
        foreach (var variant in known)
            if (variant.Matches(owner, entries)) return variant.Set;
        if (known.Length >= MaxVariants) return null;
        var created = Variant.Create(owner, entries, signature);
        Variants.AddOrUpdate(key, [created], (_, old) => old.Length >= MaxVariants ? old : [.. old, created]);
        return created.Set;
    }

    private static bool IsShareable(object owner, Delegate callee)
    {
        if (!callee.HasSingleTarget) return false;
        var target = callee.Target;
        return target is null || ReferenceEquals(target, owner) || IsStaticLambdaHolder(target.GetType());
    }

    // The compiler keeps lambdas that capture nothing as methods of one singleton per class ("<>c").
    private static bool IsStaticLambdaHolder(Type type) =>
        StaticLambdaHolders.GetOrAdd(type, static t => t.Name == "<>c" && t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false));

    /// <summary>One shared behaviour and how to recognise an instance's registration of it.</summary>
    private sealed class Variant
    {
        private readonly Callee[] _handlers;
        private readonly Callee?[] _predicates;

        private Variant(Callee[] handlers, Callee?[] predicates, HandlerSet set)
        {
            _handlers = handlers;
            _predicates = predicates;
            Set = set;
        }

        public HandlerSet Set { get; }

        public static Variant Create(object owner, HandlerSet.Entry[] entries, HandlerSet.Signature signature)
        {
            var handlers = new Callee[entries.Length];
            var predicates = new Callee?[entries.Length];
            var shared = new HandlerSet.Entry[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = entries[i];
                handlers[i] = Callee.Of(owner, entry.Handler!);
                predicates[i] = entry.Predicate is { } p ? Callee.Of(owner, p) : null;
                var invoker = (HandlerSet.Invoker)typeof(SharedInvoker<>).MakeGenericType(entry.MessageType)
                    .GetMethod(nameof(SharedInvoker<object>.Create), BindingFlags.Public | BindingFlags.Static)!
                    .Invoke(null, [owner, entry.Handler, entry.Predicate, entry.Invoker.IsAsync])!;
                shared[i] = new HandlerSet.Entry(entry.MessageType, invoker, null, null);
            }
            return new Variant(handlers, predicates, new HandlerSet(shared, signature));
        }

        public bool Matches(object owner, HandlerSet.Entry[] entries)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                if (!_handlers[i].Matches(owner, entries[i].Handler!)) return false;
                var predicate = entries[i].Predicate;
                if (_predicates[i] is { } expected ? predicate is null || !expected.Matches(owner, predicate) : predicate is not null) return false;
            }
            return true;
        }
    }

    /// <summary>A handler's method and whether it runs on the actor or on a target every instance shares.</summary>
    private sealed record Callee(MethodInfo Method, bool OnOwner, object? SharedTarget)
    {
        public static Callee Of(object owner, Delegate callee) =>
            ReferenceEquals(callee.Target, owner) ? new(callee.Method, true, null) : new(callee.Method, false, callee.Target);

        public bool Matches(object owner, Delegate callee) =>
            (OnOwner ? ReferenceEquals(callee.Target, owner) : ReferenceEquals(callee.Target, SharedTarget)) && callee.Method == Method;
    }

    /// <summary>Calls one shared handler: open calls take the actor at dispatch, shared targets are called as they are.</summary>
    private sealed class SharedInvoker<T> : HandlerSet.Invoker
    {
        private readonly Action<object, T>? _sync;
        private readonly Func<object, T, Task>? _async;
        private readonly Func<object, T, bool>? _predicate;

        private SharedInvoker(Action<object, T>? sync, Func<object, T, Task>? async, Func<object, T, bool>? predicate)
        {
            _sync = sync;
            _async = async;
            _predicate = predicate;
        }

        public override bool IsAsync => _async is not null;

        public static HandlerSet.Invoker Create(object owner, Delegate handler, Delegate? predicate, bool isAsync)
        {
            Func<object, T, bool>? test = null;
            if (predicate is Predicate<T> p)
                test = ReferenceEquals(p.Target, owner) ? (Func<object, T, bool>)OpenCall(p.Method, nameof(OpenCalls<object, T>.Predicate)) : (_, m) => p(m);
            if (isAsync)
            {
                var run = (Func<T, Task>)handler;
                var async = ReferenceEquals(run.Target, owner) ? (Func<object, T, Task>)OpenCall(run.Method, nameof(OpenCalls<object, T>.Async)) : (_, m) => run(m);
                return new SharedInvoker<T>(null, async, test);
            }
            var action = (Action<T>)handler;
            var sync = ReferenceEquals(action.Target, owner) ? (Action<object, T>)OpenCall(action.Method, nameof(OpenCalls<object, T>.Action)) : (_, m) => action(m);
            return new SharedInvoker<T>(sync, null, test);
        }

        private static object OpenCall(MethodInfo method, string kind) =>
            typeof(OpenCalls<,>).MakeGenericType(method.DeclaringType!, typeof(T))
                .GetMethod(kind, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [method])!;

        public override bool TryInvoke(object owner, Delegate? handler, Delegate? predicate, object message, out Task? pending)
        {
            var typed = typeof(T).IsValueType ? (T)message : Unsafe.As<object, T>(ref message);
            if (_predicate is not null && !_predicate(owner, typed))
            {
                pending = null;
                return false;
            }
            if (_sync is not null)
            {
                _sync(owner, typed);
                pending = null;
            }
            else
            {
                pending = HandlerSet.RunInActorContext(_async!, owner, typed);
            }
            return true;
        }
    }

    /// <summary>Open calls of an instance method of <typeparamref name="TActor"/>, taking the actor as an object.</summary>
    private static class OpenCalls<TActor, T> where TActor : class
    {
        public static Action<object, T> Action(MethodInfo method)
        {
            var open = method.CreateDelegate<Action<TActor, T>>();
            return (owner, message) => open(Unsafe.As<TActor>(owner), message);
        }

        public static Func<object, T, Task> Async(MethodInfo method)
        {
            var open = method.CreateDelegate<Func<TActor, T, Task>>();
            return (owner, message) => open(Unsafe.As<TActor>(owner), message);
        }

        public static Func<object, T, bool> Predicate(MethodInfo method)
        {
            var open = method.CreateDelegate<Func<TActor, T, bool>>();
            return (owner, message) => open(Unsafe.As<TActor>(owner), message);
        }
    }
}
