using System.Runtime.ExceptionServices;

namespace Wiimmfi.Actors.Runtime;

/// <summary>Ask, Forward and GracefulStop, as in Akka.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reference as sender and waits for the first
    /// reply. Throws <see cref="AskTimeoutException"/> when none comes in time (default:
    /// <see cref="ActorSystemSettings.DefaultAskTimeout"/>), the carried exception for a
    /// <see cref="Status.Failure"/> reply, and <see cref="InvalidCastException"/> for a reply of another type.
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var system = SystemOf(target);
        var promise = new PromiseActorRef(system, timeout ?? system.Settings.DefaultAskTimeout, target, cancellationToken);
        target.Tell(message, promise);
        var reply = await promise.Task.ConfigureAwait(false);
        if (reply is Status.Failure failure && typeof(T) != typeof(Status.Failure))
            ExceptionDispatchInfo.Throw(failure.Cause);
        if (reply is T typed) return typed;
        throw new InvalidCastException($"Ask of {message.GetType().Name} to {target.Path} expected a {typeof(T).Name} but the reply was a {reply.GetType().Name}.");
    }

    /// <summary>Ask with any reply type.</summary>
    public static Task<object> Ask(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        target.Ask<object>(message, timeout, cancellationToken);

    /// <summary>Sends <paramref name="message"/> on behalf of the current message's sender (inside an actor only).</summary>
    public static void Forward(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        var cell = ActorCell.Current ?? throw new InvalidOperationException("Forward can only be used inside an actor (it keeps the current sender).");
        target.Tell(message, cell.Sender);
    }

    /// <summary>
    /// Sends a stop message (default <see cref="PoisonPill"/>) and completes with true once the actor
    /// has terminated, or false when it did not within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout, object? stopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var system = SystemOf(target);
        var internalTarget = target as IInternalActorRef ?? (IInternalActorRef)system.ResolveActorRef(target.Path.ToSerializationFormat());
        var promise = new PromiseActorRef(system, timeout, target, CancellationToken.None);
        internalTarget.SendSystemMessage(new Watch(internalTarget, promise));
        target.Tell(stopMessage ?? PoisonPill.Instance, ActorRefs.NoSender);
        try
        {
            return await promise.Task.ConfigureAwait(false) is Terminated;
        }
        catch (AskTimeoutException)
        {
            internalTarget.SendSystemMessage(new Unwatch(internalTarget, promise));
            return false;
        }
    }

    internal static ActorSystem SystemOf(IActorRef target) => target switch
    {
        LocalActorRef local => local.Cell.System,
        _ when ActorCell.Current is { } cell => cell.System,
        EmptyLocalActorRef or PromiseActorRef or DeadLetterActorRef => SystemFromInternal(target),
        _ => throw new InvalidOperationException($"Cannot tell which actor system {target} belongs to; use a reference from the system."),
    };

    private static ActorSystem SystemFromInternal(IActorRef target) => target switch
    {
        EmptyLocalActorRef e => e.System,
        PromiseActorRef p => p.System,
        DeadLetterActorRef d => d.System,
        _ => throw new InvalidOperationException(),
    };
}

/// <summary>Sends the outcome of a task to an actor.</summary>
public static class PipeToExtensions
{
    /// <summary>
    /// When <paramref name="task"/> finishes, tells <paramref name="recipient"/> its result (or
    /// <paramref name="success"/>(result)), or <see cref="Status.Failure"/> (or <paramref name="failure"/>(exception)).
    /// The sender defaults to the current actor when called inside one.
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        var from = sender ?? ActorCell.CurrentSelf ?? ActorRefs.NoSender;
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) recipient.Tell(success is null ? t.Result! : success(t.Result), from);
            else recipient.Tell(failure is null ? new Status.Failure(Cause(t)) : failure(Cause(t)), from);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Like the generic overload; success sends <paramref name="success"/>() or <see cref="Status.Success"/>.</summary>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        var from = sender ?? ActorCell.CurrentSelf ?? ActorRefs.NoSender;
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) recipient.Tell(success is null ? new Status.Success(null) : success(), from);
            else recipient.Tell(failure is null ? new Status.Failure(Cause(t)) : failure(Cause(t)), from);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static Exception Cause(Task t) =>
        t.IsCanceled ? new TaskCanceledException(t)
        : t.Exception!.InnerExceptions.Count == 1 ? t.Exception.InnerExceptions[0] : t.Exception;
}
