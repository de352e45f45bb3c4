namespace Wiimmfi.Actors.Runtime;

internal sealed partial class ActorCell
{
    /// <summary>
    /// The actor threw (in a handler, a life-cycle hook or its constructor): suspend it and its
    /// children and ask the parent what to do. The failing message is dropped.
    /// </summary>
    internal void HandleInvokeFailure(Exception cause, object? message)
    {
        if (_state >= CellState.Terminating)
        {
            RuntimeLog.FailureWhileStopping(_system.Logger, _self.Path, cause);
            return;
        }
        var extras = Extras;
        if (extras.Rare is { Failed: true })
        {
            RuntimeLog.FailureWhileFailed(_system.Logger, _self.Path, cause);
            return;
        }
        var rare = extras.RareState;
        rare.Failed = true;
        rare.FailedMessage = message;
        _awaitingAsync = false;
        _suspendCount++;
        SuspendChildren();
        _parent.SendSystemMessage(new Failed(_self, cause, _self.Path.Uid, message?.GetType()));
    }

    /// <summary>A child failed: apply this actor's supervisor strategy (on this actor's turn).</summary>
    private void HandleFailed(Failed failed)
    {
        if (failed.Child is not LocalActorRef child || !IsChild(child) || child.Path.Uid != failed.Uid) return;
        if (_state >= CellState.Terminating) return; // the child is being stopped anyway
        var strategy = CurrentStrategy();
        Directive directive;
        try
        {
            directive = strategy.Decider(failed.Cause);
        }
        catch (Exception e)
        {
            RuntimeLog.DeciderFailed(_system.Logger, _self.Path, e);
            directive = Directive.Escalate;
        }
        var restartAllowed = directive != Directive.Restart || RestartPermitted(strategy, child);
        if (!restartAllowed) directive = Directive.Stop;
        RuntimeLog.ActorFailed(_system.Logger, child.Path, failed.MessageType?.Name ?? "(none)", directive, failed.Cause);

        var targets = strategy.AppliesToAllChildren && directive != Directive.Escalate ? Children : [child];
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new Resume(failed.Cause));
                break;
            case Directive.Restart:
                foreach (var target in targets) ((IInternalActorRef)target).SendSystemMessage(new Recreate(failed.Cause));
                break;
            case Directive.Stop:
                foreach (var target in targets) Stop(target);
                break;
            case Directive.Escalate:
                HandleInvokeFailure(failed.Cause, null);
                break;
        }
    }

    private bool RestartPermitted(SupervisorStrategy strategy, LocalActorRef child)
    {
        var stats = Extras.RareState.RestartStats ??= [];
        if (strategy.AppliesToAllChildren)
        {
            var ok = true;
            foreach (var c in Children)
            {
                if (!stats.TryGetValue(c, out var s)) stats[c] = s = new ChildRestartStats();
                ok &= s.RequestRestartPermission(strategy, _system.Settings.TimeProvider);
            }
            return ok;
        }
        if (!stats.TryGetValue(child, out var own)) stats[child] = own = new ChildRestartStats();
        return own.RequestRestartPermission(strategy, _system.Settings.TimeProvider);
    }

    private SupervisorStrategy CurrentStrategy()
    {
        if (_props.SupervisorStrategy is { } fromProps) return fromProps;
        if (_extras?.Rare?.Strategy is { } cached) return cached;
        var strategy = _actor?.SupervisorStrategyInternal() ?? SupervisorStrategy.Default;
        Extras.RareState.Strategy = strategy;
        return strategy;
    }

    private void FaultSuspend()
    {
        _suspendCount++;
        SuspendChildren();
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_state >= CellState.Terminating) return;
        if (_suspendCount > 0) _suspendCount--;
        if (causedByFailure is not null && _extras is { } extras)
        {
            if (extras.Rare is { } rare)
            {
                rare.Failed = false;
                rare.FailedMessage = null;
            }
        }
        ResumeChildren();
    }

    /// <summary>Restart: old instance's PreRestart, wait for the children it stopped, new instance.</summary>
    private void FaultRecreate(Exception cause)
    {
        if (_state >= CellState.Terminating) return;
        if (_actor is not { } failedActor)
        {
            // The constructor failed: there is nothing to tear down, just try again.
            ClearFailure();
            _state = CellState.New;
            CreateActor();
            return;
        }
        var extras = Extras;
        var failedMessage = extras.Rare?.FailedMessage;
        if (extras.Rare is { } rareState)
        {
            rareState.Behaviours?.Clear();
            rareState.Strategy = null;
        }
        _awaitingAsync = false;
        _userMessagesHeld = false;
        CancelReceiveTimeout();
        try
        {
            failedActor.PreRestartInternal(cause, failedMessage);
        }
        catch (Exception e)
        {
            RuntimeLog.HookFailed(_system.Logger, _self.Path, "PreRestart", e);
        }
        if (extras.Rare?.ChildrenToDie is { Count: > 0 })
        {
            _state = CellState.Recreating;
            extras.RareState.RecreateCause = cause;
        }
        else
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        _state = CellState.Running;
        if (_extras?.Rare is { } rare) rare.RecreateCause = null;
        var survivors = Children;
        try
        {
            var actor = NewActorInstance();
            _actor = actor;
            ClearFailure();
            _system.MetricsInternal.Restart();
            actor.PostRestartInternal(cause);
            // As in Akka: children the old instance kept are restarted too.
            foreach (var child in survivors) ((IInternalActorRef)child).SendSystemMessage(new Recreate(cause));
        }
        catch (Exception e)
        {
            ClearFailure();
            HandleInvokeFailure(e as ActorInitializationException ?? new ActorInitializationException(_self, $"Exception while restarting {_self.Path}: {e.Message}", e), null);
        }
    }

    private void ClearFailure()
    {
        _suspendCount = 0;
        if (_extras is { } extras)
        {
            if (extras.Rare is { } rare)
            {
                rare.Failed = false;
                rare.FailedMessage = null;
            }
        }
    }

    // ----- termination -----

    private void TerminateSelf()
    {
        if (_state >= CellState.Terminating) return;
        _state = CellState.Terminating;
        CancelReceiveTimeout();
        var children = Children;
        if (children.Count == 0)
        {
            FinishTerminate();
            return;
        }
        foreach (var child in children) Stop(child);
    }

    private void FinishTerminate()
    {
        if (_state == CellState.Terminated) return;
        var actor = _actor;
        try
        {
            actor?.PostStopInternal();
        }
        catch (Exception e)
        {
            RuntimeLog.HookFailed(_system.Logger, _self.Path, "PostStop", e);
        }
        _state = CellState.Terminated;
        _awaitingAsync = false;
        Mailbox.Close();
        TellWatchersWeDied();
        UnwatchWatchedActors();
        if (_extras?.Rare is { SubscribedToEventStream: true }) _system.EventStream.Unsubscribe(_self);
        _actor = null;
        _system.MetricsInternal.ActorStopped();
    }
}
