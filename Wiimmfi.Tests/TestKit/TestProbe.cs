using System.Threading.Channels;
using Wiimmfi.Actors.Runtime;

namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// A reference tests can send to and then check what arrived: behind it is a real actor that queues
/// every message (with its sender). Waits have generous default timeouts and return as soon as the
/// expected message arrives, so tests stay quick on an idle machine and robust on a loaded one.
/// Prefer the async forms (<c>ExpectMsgAsync</c>) in async tests; the sync forms block the test thread.
/// </summary>
public sealed class TestProbe : IActorRef
{
    /// <summary>Default wait for an expected message.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly Channel<Envelope> _queue = Channel.CreateUnbounded<Envelope>();

    public TestProbe(ActorSystem system, string? name = null)
    {
        System = system;
        Ref = system.ActorOf(Props.Create(() => new ProbeActor(_queue.Writer)), name);
    }

    public ActorSystem System { get; }

    /// <summary>The real reference behind the probe.</summary>
    public IActorRef Ref { get; }

    /// <summary>The sender of the last message taken from the queue.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    public ActorPath Path => Ref.Path;

    public void Tell(object message, IActorRef? sender = null) => Ref.Tell(message, sender);

    public bool Equals(IActorRef? other) => Ref.Equals(other is TestProbe p ? p.Ref : other);
    public override bool Equals(object? obj) => obj is IActorRef r && Equals(r);
    public override int GetHashCode() => Ref.GetHashCode();
    public override string ToString() => $"TestProbe{Ref}";

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with this probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Replies to the sender of the last message taken.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Makes the probe watch <paramref name="target"/>: its <see cref="Terminated"/> will arrive in the queue.</summary>
    public void Watch(IActorRef target) => Ref.Tell(new ProbeActor.WatchCommand(target), ActorRefs.NoSender);

    public async Task<object> ReceiveOneAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            var envelope = await _queue.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
            LastSender = envelope.Sender ?? ActorRefs.Nobody;
            return envelope.Message;
        }
        catch (OperationCanceledException)
        {
            throw new TestKitException($"Timeout ({(timeout ?? DefaultTimeout).TotalSeconds:0.###} s) while waiting for a message at {Ref.Path}.");
        }
    }

    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null)
    {
        var message = await ReceiveOneAsync(timeout).ConfigureAwait(false);
        return message is T typed ? typed : throw new TestKitException($"Expected a {typeof(T).Name} but got {Describe(message)}.");
    }

    public async Task<T> ExpectMsgAsync<T>(Predicate<T> predicate, TimeSpan? timeout = null)
    {
        var typed = await ExpectMsgAsync<T>(timeout).ConfigureAwait(false);
        return predicate(typed) ? typed : throw new TestKitException($"The {typeof(T).Name} {typed} did not match the expectation.");
    }

    /// <summary>Expects a message equal to <paramref name="expected"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null) where T : notnull
    {
        var message = await ReceiveOneAsync(timeout).ConfigureAwait(false);
        return message is T typed && EqualityComparer<T>.Default.Equals(typed, expected)
            ? typed
            : throw new TestKitException($"Expected {Describe(expected)} but got {Describe(message)}.");
    }

    /// <summary>Asserts that nothing arrives for <paramref name="duration"/>.</summary>
    public async Task ExpectNoMsgAsync(TimeSpan duration)
    {
        using var cts = new CancellationTokenSource(duration);
        try
        {
            var envelope = await _queue.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
            throw new TestKitException($"Expected no message but got {Describe(envelope.Message)}.");
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Skips messages until one of type <typeparamref name="T"/> matches <paramref name="isTarget"/>.</summary>
    public async Task<T> FishForMessageAsync<T>(Predicate<T> isTarget, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TestKitException($"No matching {typeof(T).Name} arrived in time.");
            var message = await ReceiveOneAsync(left).ConfigureAwait(false);
            if (message is T typed && isTarget(typed)) return typed;
        }
    }

    /// <summary>True when a message is waiting (does not take it).</summary>
    public bool HasMessages => _queue.Reader.TryPeek(out _);

    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsgAsync<T>(timeout).GetAwaiter().GetResult();
    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null) => ExpectMsgAsync(predicate, timeout).GetAwaiter().GetResult();
    public void ExpectNoMsg(TimeSpan duration) => ExpectNoMsgAsync(duration).GetAwaiter().GetResult();
    public T FishForMessage<T>(Predicate<T> isTarget, TimeSpan? timeout = null) => FishForMessageAsync(isTarget, timeout).GetAwaiter().GetResult();
    public void AwaitCondition(Func<bool> condition, TimeSpan? timeout = null, string? message = null) => Awaiting.Condition(condition, timeout, message);
    public void AwaitAssert(Action assertion, TimeSpan? timeout = null) => Awaiting.Assert(assertion, timeout);

    private static string Describe(object? message) => message is null ? "null" : $"{message.GetType().Name} {message}";

    private sealed class ProbeActor(ChannelWriter<Envelope> queue) : UntypedActor
    {
        public sealed record WatchCommand(IActorRef Target);

        protected override void OnReceive(object message)
        {
            if (message is WatchCommand watch)
            {
                Context.Watch(watch.Target);
                return;
            }
            queue.TryWrite(new Envelope(message, Sender));
        }
    }
}

/// <summary>A test expectation that was not met.</summary>
public sealed class TestKitException(string message) : Exception(message);
