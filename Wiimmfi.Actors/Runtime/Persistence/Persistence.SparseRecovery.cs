namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>Sparse recovery: streams that are almost always new skip their recovery queries (see <see cref="RegisterSparseRecovery"/>).</summary>
public sealed partial class Persistence
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<IReadOnlySet<string>?>>> _sparse = new(StringComparer.Ordinal);
    private long _freshSequenceNr;

    /// <summary>
    /// Streams under <paramref name="prefix"/> are short-lived and almost always new (NATNEG negotiations): the ids
    /// among them that have events are read once, on the first recovery of such an actor, and an actor whose id is
    /// not among them skips its recovery queries and numbers its events from a fresh base (so it cannot collide with
    /// a deleted stream's tombstone). Only for entities whose state no later incarnation in this process needs back —
    /// the list is not updated after it is read. The first read must come after this node owns the journal (after
    /// a smart restart's fence): entities that only start on network input satisfy that.
    /// </summary>
    public void RegisterSparseRecovery(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (_sparse.ContainsKey(prefix)) return;
        _sparse.TryAdd(prefix, new Lazy<Task<IReadOnlySet<string>?>>(() => Journal.ReadIdsWithEventsAsync(prefix)));
    }

    /// <summary>False only when <paramref name="persistenceId"/> is under a sparse prefix and certainly has no events.</summary>
    internal async ValueTask<bool> MayHaveEventsAsync(string persistenceId)
    {
        foreach (var (prefix, ids) in _sparse)
        {
            if (!persistenceId.StartsWith(prefix, StringComparison.Ordinal)) continue;
            IReadOnlySet<string>? known;
            try
            {
                known = await ids.Value.ConfigureAwait(false);
            }
            catch (Exception) when (ids.Value.IsFaulted)
            {
                // The list could not be read: recover every one of them the normal way, and try again next time.
                _sparse.TryUpdate(prefix, new Lazy<Task<IReadOnlySet<string>?>>(() => Journal.ReadIdsWithEventsAsync(prefix)), ids);
                return true;
            }
            return known is null || known.Contains(persistenceId);
        }
        return true;
    }

    /// <summary>
    /// A sequence number to count on from for a stream that skipped recovery: microseconds since 1970 and at least 64
    /// above the last one handed out, so a later incarnation of the same id starts above an earlier one's events.
    /// </summary>
    internal long NextFreshSequenceBase()
    {
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        while (true)
        {
            var last = Volatile.Read(ref _freshSequenceNr);
            var next = Math.Max(now, last + 64);
            if (Interlocked.CompareExchange(ref _freshSequenceNr, next, last) == last) return next;
        }
    }
}
