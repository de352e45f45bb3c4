namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// Parent of one TCP protocol's connection actors (<c>/user/tcp-{name}</c>): creates one per accepted socket,
/// counts them, and closes them all when the node stops serving the protocol. A connection actor that fails
/// is stopped (its socket is reset); the others are untouched.
/// </summary>
internal sealed class TcpListenerActor : UntypedActor
{
    private readonly TcpFrontendSettings _settings;
    private readonly TcpFrontendMetrics _metrics;
    private long _counter;

    public TcpListenerActor(TcpFrontendSettings settings, TcpFrontendMetrics metrics)
    {
        _settings = settings;
        _metrics = metrics;
    }

    public sealed record Accepted(TcpSession Session);

    public sealed class CloseAll
    {
        public static CloseAll Instance { get; } = new();
    }

    /// <summary>Answered with the connection actors alive now (for a hand-over).</summary>
    public sealed class ListConnections
    {
        public static ListConnections Instance { get; } = new();
    }

    protected override SupervisorStrategy SupervisorStrategy() => Runtime.SupervisorStrategy.StoppingStrategy;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Accepted accepted:
                var session = accepted.Session;
                _metrics.Opened();
                var metrics = _metrics;
                session.Finished.ContinueWith(static (_, m) => ((TcpFrontendMetrics)m!).ClosedOne(), metrics,
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                try
                {
                    Context.ActorOf(Props.Create(static a => new TcpConnectionActor(a.Session, a.Metrics), (Session: session, Metrics: metrics)), $"c{++_counter}");
                }
                catch (Exception e)
                {
                    session.FailBeforeHandler(e);
                    session.MarkFinished();
                }
                break;
            case ListConnections:
                Sender.Tell(Context.Children.ToArray(), Self);
                break;
            case CloseAll:
                foreach (var child in Context.Children) child.Tell(Tcp.Close.Instance, Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
