namespace Wiimmfi.Actors.Runtime;

internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject) => WatchWithMessage(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchWithMessage(subject, message);
    }

    private IActorRef WatchWithMessage(IActorRef subject, object? message)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var target = Internalize(subject);
        if (ReferenceEquals(target, _self)) return subject;
        var watching = Extras.Watching ??= new();
        var known = watching.ContainsKey(target);
        watching.Set(target, message);
        if (!known) target.SendSystemMessage(new Watch(target, _self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var target = Internalize(subject);
        if (_extras?.Watching is { } watching && watching.Remove(target))
            target.SendSystemMessage(new Unwatch(target, _self));
        _extras?.TerminatedQueued?.Remove(target);
        return subject;
    }

    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (!ReferenceEquals(watchee, _self) || ReferenceEquals(watcher, _self)) return;
        if (_state == CellState.Terminated)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(_self, ExistenceConfirmed: true, AddressTerminated: false));
            return;
        }
        // The parent hears of this actor's death anyway (see TellWatchersWeDied), so its watch needs no
        // entry: a shard watching each of its entities then costs the entities nothing.
        if (!ReferenceEquals(watcher, _parent)) (Extras.WatchedBy ??= new()).TryAdd(watcher, true);
    }

    private void RemoveWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (ReferenceEquals(watchee, _self)) _extras?.WatchedBy?.Remove(watcher);
    }

    /// <summary>A watched actor or a child stopped (its DeathWatchNotification arrived).</summary>
    private void WatchedActorTerminated(IActorRef actor, bool existenceConfirmed, bool addressTerminated)
    {
        if (_extras?.Watching is { } watching && actor is IInternalActorRef key && watching.Remove(key, out var custom))
        {
            if (_state < CellState.Terminating)
            {
                // Delivered as a user message, so it keeps its place among the others.
                (Extras.TerminatedQueued ??= new()).Set(actor, custom);
                _self.Tell(new DeathWatchTerminated(new Terminated(actor, existenceConfirmed, addressTerminated)), actor);
            }
        }
        if (actor is LocalActorRef local && IsChild(local)) HandleChildTerminated(local);
    }

    private void ReceivedTerminated(Terminated terminated)
    {
        if (_extras?.TerminatedQueued is not { } queued || !queued.Remove(terminated.ActorRef, out var custom))
            return; // unwatched meanwhile, or not from a watch at all
        var message = custom ?? terminated;
        _currentMessage = message;
        ReceiveMessage(message);
    }

    private void TellWatchersWeDied()
    {
        if (_extras?.WatchedBy is { } watchers)
        {
            foreach (var watcher in watchers.KeysToArray())
                watcher.SendSystemMessage(new DeathWatchNotification(_self, ExistenceConfirmed: true, AddressTerminated: false));
            watchers.Clear();
        }
        // The parent always hears of its child's death (it implicitly watches its children); one
        // notification serves both its explicit watch, if any, and its children bookkeeping.
        _parent.SendSystemMessage(new DeathWatchNotification(_self, ExistenceConfirmed: true, AddressTerminated: false));
    }

    private void UnwatchWatchedActors()
    {
        if (_extras?.Watching is not { Count: > 0 } watching) return;
        foreach (var watchee in watching.KeysToArray()) watchee.SendSystemMessage(new Unwatch(watchee, _self));
        watching.Clear();
    }
}
