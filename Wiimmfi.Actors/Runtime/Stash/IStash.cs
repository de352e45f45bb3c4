namespace Wiimmfi.Actors.Runtime;

/// <summary>An actor that can set messages aside; the runtime sets <see cref="Stash"/> right after the constructor.</summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}

/// <summary>
/// Messages set aside for later (typically while a state machine waits for something). Unstashed
/// messages go to the front of the mailbox in their original order. Bounded by
/// <see cref="ActorSystemSettings.StashCapacity"/>. On restart the stash is given back to the mailbox;
/// on stop its messages become dead letters.
/// </summary>
public interface IStash
{
    /// <summary>Sets the message being processed aside (with its sender).</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>Empties the stash and returns what it held.</summary>
    IReadOnlyList<Envelope> ClearStash();

    int Count { get; }
    bool IsEmpty { get; }
    int Capacity { get; }
}
