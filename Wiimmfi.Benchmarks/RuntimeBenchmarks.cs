using BenchmarkDotNet.Attributes;
using Wiimmfi.Actors.Runtime;

namespace Wiimmfi.Benchmarks;

/// <summary>BenchmarkDotNet measurements of the runtime's hot paths (allocations included).</summary>
[MemoryDiagnoser]
public class RuntimeBenchmarks
{
    private const int TellsPerInvoke = 100_000;
    private ActorSystem _system = null!;
    private IActorRef _echo = null!;
    private readonly Msg _msg = new(1);

    [Params(8, 1000)]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bdn");
        _echo = _system.ActorOf(Props.Create<EchoActor>());
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(OperationsPerInvoke = TellsPerInvoke, Description = "Tell to one actor (per message)")]
    public async Task TellOneActor()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = _system.ActorOf(Props.Create(() => new CountingActor(TellsPerInvoke, done)));
        for (var i = 0; i < TellsPerInvoke; i++) actor.Tell(_msg);
        await done.Task;
        _system.Stop(actor);
    }

    [Benchmark(OperationsPerInvoke = 2_000_000, Description = "Ping-pong across pairs (per message)")]
    public async Task PingPong()
    {
        var quota = 1_000_000L / Pairs;
        var done = new List<Task>();
        var actors = new List<IActorRef>();
        for (var p = 0; p < Pairs; p++)
        {
            var ping = _system.ActorOf(Props.Create<PingPongActor>());
            var pong = _system.ActorOf(Props.Create<PingPongActor>());
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ping.Tell(new PingPongActor.Start(pong, quota, 50, tcs));
            done.Add(tcs.Task);
            actors.Add(ping);
            actors.Add(pong);
        }
        await Task.WhenAll(done);
        foreach (var a in actors) _system.Stop(a);
    }

    [Benchmark(Description = "Ask round trip")]
    public Task<Msg> AskRoundTrip() => _echo.Ask<Msg>(_msg);
}
