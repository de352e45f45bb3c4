using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class ActorBasicsTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private sealed record Ping(int N);
    private sealed record Pong(int N);

    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<Ping>(p => Sender.Tell(new Pong(p.N)));
            Receive<string>(s => s == "who", _ => Sender.Tell(Self));
        }
    }

    [Fact]
    public async Task Echo_actor_replies_to_the_sender()
    {
        var echo = _kit.System.ActorOf(Props.Create<Echo>(), "echo");
        var probe = _kit.CreateTestProbe();
        echo.Tell(new Ping(7), probe);
        Assert.Equal(new Pong(7), await probe.ExpectMsgAsync<Pong>());
        Assert.Equal(echo, probe.LastSender);
    }

    [Fact]
    public async Task Ask_returns_the_reply_of_the_expected_type()
    {
        var echo = _kit.System.ActorOf(Props.Create<Echo>());
        var pong = await echo.Ask<Pong>(new Ping(3));
        Assert.Equal(3, pong.N);
    }

    [Fact]
    public void Path_of_a_top_level_actor_is_under_user_and_prints_the_system_address()
    {
        var echo = _kit.System.ActorOf(Props.Create<Echo>(), "echo");
        Assert.Equal($"wiimmfi://{_kit.System.Name}/user/echo", echo.Path.ToString());
        Assert.Equal(echo, _kit.System.ResolveActorRef($"wiimmfi://{_kit.System.Name}/user/echo"));
        Assert.Equal(echo, _kit.System.ResolveActorRef("/user/echo"));
    }
}
