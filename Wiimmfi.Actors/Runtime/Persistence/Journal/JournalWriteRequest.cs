namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// INTERNAL API. What one actor hands the <see cref="JournalWriter"/> at a time: its atomic writes in
/// sequence order. The writer keeps a request whole inside one batch and answers exactly once.
/// </summary>
internal abstract class JournalWriteRequest(IReadOnlyList<AtomicWrite> writes)
{
    public IReadOnlyList<AtomicWrite> Writes { get; } = writes;

    public int EventCount { get; } = CountEvents(writes);

    /// <summary>
    /// Called once, on a thread-pool thread, after the batch holding this request committed or failed:
    /// <paramref name="results"/> has an entry per write (null = landed) when the batch ran; when the
    /// outcome is unknown or the write was never attempted, <paramref name="failure"/> says why.
    /// </summary>
    public abstract void Completed(IReadOnlyList<Exception?>? results, Exception? failure);

    private static int CountEvents(IReadOnlyList<AtomicWrite> writes)
    {
        var count = 0;
        foreach (var write in writes) count += write.Events.Count;
        return count;
    }
}
