namespace Wiimmfi.Actors.Runtime;

internal sealed partial class ActorCell
{
    // Children may be created from other threads (ActorSystem.ActorOf on the user guardian) and looked
    // up by path from anywhere, so the map is guarded by a lock on the extras object. Everything else
    // about children is handled on the cell's own turn.

    public IActorRef ActorOf(Props props, string? name = null) => AttachChild(props, name, systemService: false);

    internal LocalActorRef AttachChild(Props props, string? name, bool systemService)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null && !systemService) ActorNames.Validate(name);
        var extras = Extras;
        ActorCell child;
        lock (extras)
        {
            if (Volatile.Read(ref Unsafe_State) >= (byte)CellState.Terminating || IsTerminated)
                throw new InvalidOperationException($"Cannot create a child of {_self.Path}: it is stopping.");
            var children = extras.Children ??= new SmallMap<string, LocalActorRef>();
            name ??= ActorNames.Generated(extras.ChildNameCounter++);
            if (children.ContainsKey(name))
                throw new InvalidActorNameException($"Actor name [{name}] is not unique below {_self.Path}.");
            var path = new ChildActorPath(_self.Path, name, _system.NextUid());
            child = new ActorCell(_system, path, props, _self);
            children.Set(name, child.Self);
        }
        _system.MetricsInternal.ActorStarted();
        child.Self.SendSystemMessage(new Create());
        return child.Self;
    }

    // _state as a byte for the cross-thread check above (the only read of _state off the actor's turn).
    private ref byte Unsafe_State => ref global::System.Runtime.CompilerServices.Unsafe.As<CellState, byte>(ref _state);

    public IReadOnlyList<IActorRef> Children
    {
        get
        {
            var extras = _extras;
            if (extras is null) return [];
            lock (extras)
            {
                return extras.Children is { Count: > 0 } c ? c.ValuesToArray() : [];
            }
        }
    }

    internal LocalActorRef? GetChild(string name)
    {
        var extras = _extras;
        if (extras is null) return null;
        lock (extras)
        {
            return extras.Children is not null && extras.Children.TryGetValue(name, out var child) ? child : null;
        }
    }

    public IActorRef Child(string name) => (IActorRef?)GetChild(name) ?? ActorRefs.Nobody;

    private bool IsChild(IActorRef actor) =>
        actor is LocalActorRef local && ReferenceEquals(GetChild(local.Path.Name), local);

    private int ChildCount
    {
        get
        {
            var extras = _extras;
            if (extras is null) return 0;
            lock (extras) return extras.Children?.Count ?? 0;
        }
    }

    public void Stop(IActorRef actor)
    {
        var target = Internalize(actor);
        if (target is LocalActorRef local && IsChild(local)) (Extras.RareState.ChildrenToDie ??= []).Add(local);
        target.SendSystemMessage(new Terminate());
    }

    private void HandleChildTerminated(LocalActorRef child)
    {
        var extras = Extras;
        lock (extras)
        {
            if (extras.Children is not null && extras.Children.TryGetValue(child.Path.Name, out var current) && ReferenceEquals(current, child))
                extras.Children.Remove(child.Path.Name);
        }
        extras.Rare?.ChildrenToDie?.Remove(child);
        extras.Rare?.RestartStats?.Remove(child);
        if (_state == CellState.Recreating && extras.Rare?.ChildrenToDie is not { Count: > 0 }) FinishRecreate(extras.Rare!.RecreateCause!);
        else if (_state == CellState.Terminating && ChildCount == 0) FinishTerminate();
        if (IsRoot) _system.OnTopLevelGuardianTerminated(child);
    }

    private bool IsRoot => _parent is RootSupervisor;

    /// <summary>Turns any reference into one the runtime can send system messages to.</summary>
    private IInternalActorRef Internalize(IActorRef actor) =>
        actor as IInternalActorRef ?? (IInternalActorRef)_system.ResolveActorRef(actor.Path.ToSerializationFormat());

    private void SuspendChildren()
    {
        foreach (var child in Children) ((IInternalActorRef)child).SendSystemMessage(new Suspend());
    }

    private void ResumeChildren()
    {
        foreach (var child in Children) ((IInternalActorRef)child).SendSystemMessage(new Resume(null));
    }
}

/// <summary>INTERNAL API. Rules for actor names.</summary>
internal static class ActorNames
{
    // Names appear in paths, so they keep to URI-safe characters; '%' allows escaped entity ids.
    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.*$+:@&=,!~';%()");

    public static void Validate(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new InvalidActorNameException("Actor name must not be empty.");
        if (name[0] == '$') throw new InvalidActorNameException($"Actor name [{name}] must not start with '$' (reserved for generated names).");
        if (name.AsSpan().IndexOfAnyExcept(Allowed) >= 0)
            throw new InvalidActorNameException($"Actor name [{name}] contains characters other than letters, digits and -_.*$+:@&=,!~';%().");
    }

    public static bool IsValid(string name) =>
        !string.IsNullOrEmpty(name) && name[0] != '$' && name.AsSpan().IndexOfAnyExcept(Allowed) < 0;

    /// <summary><c>$a</c>, <c>$b</c>, … <c>$ba</c>: short, unique per parent.</summary>
    public static string Generated(long n)
    {
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = (char)('a' + (int)(n % 26));
            n /= 26;
        } while (n > 0);
        buffer[--i] = '$';
        return new string(buffer[i..]);
    }
}
