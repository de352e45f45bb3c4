namespace Wiimmfi.Actors.Runtime;

/// <summary>INTERNAL API. The stash of one actor instance; its list is allocated on the first Stash().</summary>
internal sealed class ActorStash(ActorCell cell, int capacity) : IStash
{
    private List<Envelope>? _stashed;

    public int Count => _stashed?.Count ?? 0;
    public bool IsEmpty => Count == 0;
    public int Capacity => capacity;

    public void Stash()
    {
        var message = cell.CurrentMessage ?? throw new InvalidOperationException("Stash() can only be called while processing a message.");
        var list = _stashed ??= [];
        if (list.Count > 0 && ReferenceEquals(list[^1].Message, message))
            throw new InvalidOperationException($"The message {message.GetType().Name} is already stashed.");
        if (list.Count >= capacity)
            throw new StashOverflowException($"The stash of {cell.Self.Path} is full ({capacity} messages).");
        list.Add(new Envelope(message, cell.Sender));
        cell.MarkCurrentMessageStashed();
    }

    public void Unstash()
    {
        if (_stashed is not { Count: > 0 } list) return;
        var first = list[0];
        list.RemoveAt(0);
        cell.Mailbox.Prepend([first]);
    }

    public void UnstashAll()
    {
        if (_stashed is not { Count: > 0 } list) return;
        cell.Mailbox.Prepend(list);
        list.Clear();
    }

    public IReadOnlyList<Envelope> ClearStash()
    {
        if (_stashed is not { Count: > 0 } list) return [];
        var copy = list.ToArray();
        list.Clear();
        return copy;
    }

    internal void DropAllToDeadLetters()
    {
        foreach (var envelope in ClearStash())
            cell.System.DeadLetterRef.Publish(envelope.Message, envelope.Sender, cell.Self);
    }
}
