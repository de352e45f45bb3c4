namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered in its constructor (or inside
/// <see cref="Become"/>): <c>Receive&lt;Login&gt;(Handle)</c>. The first handler whose type matches (and
/// whose predicate, if any, accepts) handles the message. Handler lookup is cached per concrete message
/// type and shared by all instances with the same handler types, so dispatch costs one dictionary read
/// and one delegate call, with no allocation.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private HandlerSet.Builder? _building = new();
    private HandlerSet _current = HandlerSet.Empty;
    private List<HandlerSet>? _stack;

    protected void Receive<T>(Action<T> handler) => Add(HandlerSet.Entry.Sync(handler, null));

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle) => Add(HandlerSet.Entry.Sync(handler, shouldHandle));

    /// <summary>Also accepts the predicate first, as Akka.NET does.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Add(HandlerSet.Entry.Sync(handler, shouldHandle));

    /// <summary>
    /// An asynchronous handler. The mailbox is suspended until the returned task finishes (no other
    /// message of this actor runs meanwhile); code after each <c>await</c> runs inside the actor. A
    /// failed task fails the actor like a throwing handler.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) => Add(HandlerSet.Entry.Async(handler, shouldHandle));

    /// <summary>Handles any message not handled by an earlier registration.</summary>
    protected void ReceiveAny(Action<object> handler) => Add(HandlerSet.Entry.Sync(handler, null));

    /// <summary>Handles any message not handled by an earlier registration, asynchronously.</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler) => Add(HandlerSet.Entry.Async(handler, null));

    /// <summary>Replaces the current behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure)
    {
        var set = Build(configure);
        if (_stack is { Count: > 0 }) _stack[^1] = set;
        _current = set;
    }

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    protected void BecomeStacked(Action configure)
    {
        var set = Build(configure);
        _stack ??= [_current];
        _stack.Add(set);
        _current = set;
    }

    /// <summary>Returns to the behaviour before the last <see cref="BecomeStacked"/>.</summary>
    protected void UnbecomeStacked()
    {
        if (_stack is not { Count: > 1 }) return;
        _stack.RemoveAt(_stack.Count - 1);
        _current = _stack[^1];
    }

    protected sealed override bool Receive(object message)
    {
        if (!_current.TryHandle(this, message, out var pending)) return false;
        if (pending is not null) Cell.AwaitAsyncHandler(pending);
        return true;
    }

    internal override void OnInstanceCreated()
    {
        if (_building is { } initial)
        {
            _current = initial.Build(this);
            _building = null;
        }
    }

    private void Add(HandlerSet.Entry entry)
    {
        if (_building is null)
            throw new InvalidOperationException("Receive handlers can only be registered in the constructor or inside Become/BecomeStacked.");
        _building.Add(entry);
    }

    private HandlerSet Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var outer = _building;
        var builder = new HandlerSet.Builder();
        _building = builder;
        try
        {
            configure();
        }
        finally
        {
            _building = outer;
        }
        return builder.Build(this);
    }
}
