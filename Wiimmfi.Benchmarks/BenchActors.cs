using Wiimmfi.Actors.Runtime;

namespace Wiimmfi.Benchmarks;

/// <summary>Counts messages and completes a task when the expected number has arrived.</summary>
public sealed class CountingActor : ReceiveActor
{
    private readonly long _expected;
    private readonly TaskCompletionSource _done;
    private long _count;

    public CountingActor(long expected, TaskCompletionSource done)
    {
        _expected = expected;
        _done = done;
        Receive<Msg>(_ =>
        {
            if (++_count == _expected) _done.TrySetResult();
        });
    }
}

/// <summary>The benchmark message (a small immutable record, like the game's messages).</summary>
public sealed record Msg(int Value);

/// <summary>Bounces every message back to its sender until it has received its quota.</summary>
public sealed class PingPongActor : ReceiveActor
{
    private IActorRef _partner = ActorRefs.Nobody;
    private long _left;
    private TaskCompletionSource? _done;

    public PingPongActor()
    {
        Receive<Start>(s =>
        {
            _partner = s.Partner;
            _left = s.Quota;
            _done = s.Done;
            for (var i = 0; i < s.InFlight; i++) _partner.Tell(new Msg(i));
        });
        Receive<Msg>(m =>
        {
            if (_done is null)
            {
                Sender.Tell(m); // the pong side
                return;
            }
            if (--_left == 0) _done.TrySetResult();
            if (_left > 0) _partner.Tell(m);
        });
    }

    public sealed record Start(IActorRef Partner, long Quota, int InFlight, TaskCompletionSource Done);
}

/// <summary>Answers every message with itself (for ask round trips).</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(m => Sender.Tell(m));
}

/// <summary>The smallest possible actor (for memory per idle actor).</summary>
public sealed class IdleActor : UntypedActor
{
    protected override void OnReceive(object message) { }
}

/// <summary>A typical small ReceiveActor with two handlers and a field (for memory per idle actor).</summary>
public sealed class IdleReceiveActor : ReceiveActor
{
    private int _state;

    public IdleReceiveActor()
    {
        Receive<Msg>(m => _state += m.Value);
        Receive<string>(_ => Sender.Tell(_state));
    }
}
