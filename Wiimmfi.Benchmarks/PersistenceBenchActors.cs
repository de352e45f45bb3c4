using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Benchmarks;

/// <summary>The benchmark event: about the size of a small game event (an id, a number, a short text).</summary>
[WireName("bench.incremented")]
public sealed record Incremented(int Amount, long ProfileId, string Status);

/// <summary>Persists <paramref name="Events"/> events, then completes <paramref name="Done"/>.</summary>
public sealed record PersistEvents(int Events, bool Async, TaskCompletionSource Done);

/// <summary>
/// A persistent entity for the benchmarks. With <c>Persist</c> it has one event in flight at a time
/// (each handler persists the next, the way an entity handles one command after another); with
/// <c>PersistAsync</c> it hands all its events over at once and they travel in its next requests.
/// Recovery completion is reported to <paramref name="recovered"/>.
/// </summary>
public sealed class BenchEntity : PersistentActor
{
    private readonly string _persistenceId;
    private long _total;
    private int _left;
    private TaskCompletionSource? _done;

    public BenchEntity(string persistenceId, Action<BenchEntity>? recovered = null)
    {
        _persistenceId = persistenceId;
        Recover<Incremented>(e => _total += e.Amount);
        Recover<RecoveryCompleted>(_ => recovered?.Invoke(this));
        Command<PersistEvents>(c =>
        {
            _left = c.Events;
            _done = c.Done;
            if (c.Async)
            {
                for (var i = 0; i < c.Events; i++) PersistAsync(Next(i), Applied);
            }
            else
            {
                Persist(Next(0), AppliedThenNext);
            }
        });
    }

    public override string PersistenceId => _persistenceId;

    public long Total => _total;

    private Incremented Next(int i) => new(1, 1_000_000_000 + i, "playing");

    private void Applied(Incremented e)
    {
        _total += e.Amount;
        if (--_left == 0) _done!.TrySetResult();
    }

    private void AppliedThenNext(Incremented e)
    {
        Applied(e);
        if (_left > 0) Persist(Next(_left), AppliedThenNext);
    }
}
