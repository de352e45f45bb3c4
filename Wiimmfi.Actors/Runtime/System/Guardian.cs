using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. The actors at the top of the tree: <c>/</c> (root), <c>/user</c> (parent of
/// everything made with <see cref="ActorSystem.ActorOf"/>) and <c>/system</c> (runtime services such
/// as shard regions). They handle no messages; their only job is supervision.
/// </summary>
internal sealed class Guardian : ActorBase
{
    private readonly SupervisorStrategy _strategy;

    public Guardian(SupervisorStrategy strategy) => _strategy = strategy;

    protected override bool Receive(object message) => false;

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    // A guardian never stops its children on restart (it is never restarted: the root stops it).
    protected override void PreRestart(Exception reason, object? message) { }
}

/// <summary>
/// INTERNAL API. Stands above the root guardian, which has no parent: a failure that reaches the root
/// stops the system with a critical log entry instead of crashing the process; the root's death
/// completes termination.
/// </summary>
internal sealed class RootSupervisor(ActorSystem system, ActorPath path) : ActorRefBase
{
    public override ActorPath Path => path;

    public override void Tell(object message, IActorRef? sender = null) { }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                RuntimeLog.GuardianFailed(system.Logger, failed.Child.Path, failed.Cause);
                ((IInternalActorRef)failed.Child).SendSystemMessage(new Terminate());
                system.OnFatalGuardianFailure();
                break;
            case DeathWatchNotification:
                system.OnRootTerminated();
                break;
        }
    }
}
