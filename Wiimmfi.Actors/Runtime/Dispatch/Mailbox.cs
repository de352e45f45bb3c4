using System.Runtime.CompilerServices;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. The mailbox of one actor and its unit of work on the thread pool.
///
/// <para><b>Queues.</b> User messages go into a lock-free multi-producer / single-consumer linked queue
/// (Vyukov's: a producer swaps itself in as the tail with one atomic exchange, then links the old tail
/// to itself). System messages go into a lock-free stack that the consumer takes whole, reverses and
/// runs before any user message and again after each one. An idle mailbox holds one stub node.</para>
///
/// <para><b>Scheduling.</b> <see cref="_status"/> has a Scheduled bit. A producer that finds it clear
/// sets it with a compare-and-swap and queues the mailbox on the thread pool
/// (<see cref="IThreadPoolWorkItem"/>); so at most one thread runs an actor at a time. A run processes
/// up to <c>throughput</c> messages, clears the bit and then looks again: if a message arrived in the
/// meantime it schedules itself. The look uses the tail, which producers change with an atomic
/// exchange before they read the status — so either the producer sees the bit clear and schedules, or
/// the consumer sees the new tail and reschedules. No message is stranded.</para>
///
/// <para><b>What can go wrong.</b> A producer preempted between its exchange and its link leaves the
/// queue briefly "non-empty but unlinked": the consumer treats it as empty, and the re-check schedules
/// another run. After <see cref="Close"/> every new message goes to dead letters; a message that
/// raced with the close is drained to dead letters by whoever notices.</para>
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int ScheduledBit = 1;
    private const int ClosedBit = 2;

    // Marks a closed system queue: pushes that see it go to the dead-actor handling instead.
    private static readonly SystemMessage ClosedSentinel = new Terminate();

    private readonly ActorCell _cell;
    private readonly int _throughput;
    private MessageNode _head; // consumer only: the last node taken (its fields cleared)
    private MessageNode _tail; // producers: Interlocked.Exchange
    private SystemMessage? _systemHead; // producers push with CAS, consumer takes all
    private int _status;
    private Stack<Envelope>? _prepended; // consumer only: unstashed messages, processed before the queue

    public Mailbox(ActorCell cell, int throughput)
    {
        _cell = cell;
        _throughput = throughput;
        _head = _tail = new MessageNode();
    }

    public bool IsClosed => (Volatile.Read(ref _status) & ClosedBit) != 0;

    /// <summary>Queues a user message (any thread).</summary>
    public void Post(object message, IActorRef? sender)
    {
        if ((Volatile.Read(ref _status) & ClosedBit) != 0)
        {
            _cell.System.DeadLetterRef.Publish(message, sender, _cell.Self);
            return;
        }
        var node = new MessageNode { Message = message, Sender = sender };
        var previous = Interlocked.Exchange(ref _tail, node);
        Volatile.Write(ref previous.Next, node);
        _cell.System.MetricsInternal.MessageEnqueued();
        TrySchedule();
    }

    /// <summary>Queues a system message (any thread).</summary>
    public void PostSystem(SystemMessage message)
    {
        while (true)
        {
            var head = Volatile.Read(ref _systemHead);
            if (ReferenceEquals(head, ClosedSentinel))
            {
                DeadSystemMessages.Handle(_cell.Self, message);
                return;
            }
            message.Next = head;
            if (ReferenceEquals(Interlocked.CompareExchange(ref _systemHead, message, head), head)) break;
        }
        TrySchedule();
    }

    /// <summary>Puts messages in front of the queue, oldest first (consumer thread only: unstash).</summary>
    public void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0) return;
        _prepended ??= new Stack<Envelope>();
        for (var i = envelopes.Count - 1; i >= 0; i--) _prepended.Push(envelopes[i]);
        // Counted as queued again so the depth estimate stays balanced when they are processed.
        _cell.System.MetricsInternal.MessagesRequeued(envelopes.Count);
    }

    private void TrySchedule()
    {
        while (true)
        {
            var status = Volatile.Read(ref _status);
            if ((status & (ScheduledBit | ClosedBit)) != 0)
            {
                if ((status & ClosedBit) != 0) DrainAfterClose();
                return;
            }
            if (Interlocked.CompareExchange(ref _status, status | ScheduledBit, status) == status)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }
        }
    }

    /// <summary>Runs on the thread pool: system messages, then up to <c>throughput</c> user messages.</summary>
    public void Execute()
    {
        var cell = _cell;
        var processed = 0;
        ActorCell.EnterRun(cell);
        try
        {
            if (Volatile.Read(ref _systemHead) is not null) ProcessSystemMessages();
            var left = _throughput;
            while (left > 0 && cell.CanProcessUserMessages && TryDequeue(out var message, out var sender))
            {
                cell.Invoke(message, sender);
                processed++;
                left--;
                if (Volatile.Read(ref _systemHead) is not null) ProcessSystemMessages();
            }
        }
        catch (Exception e)
        {
            // Invoke catches everything an actor throws; reaching here is a runtime bug. Never let it
            // reach the thread pool (that would end the process).
            RuntimeLog.MailboxRunFailed(cell.System.Logger, cell.Self.Path, e);
        }
        finally
        {
            ActorCell.ExitRun();
            if (processed > 0) cell.System.MetricsInternal.MessagesProcessed(processed);
        }

        if (IsClosed) return;
        Interlocked.And(ref _status, ~ScheduledBit);
        if (Volatile.Read(ref _systemHead) is not null || (cell.CanProcessUserMessages && HasUserMessages)) TrySchedule();
    }

    private bool HasUserMessages => _prepended is { Count: > 0 } || !ReferenceEquals(Volatile.Read(ref _tail), _head);

    /// <summary>Number of user messages waiting (consumer-side estimate, for tests and diagnostics).</summary>
    public int CountApproximately()
    {
        var count = _prepended?.Count ?? 0;
        for (var n = Volatile.Read(ref _head.Next); n is not null; n = Volatile.Read(ref n.Next)) count++;
        return count;
    }

    private bool TryDequeue(out object message, out IActorRef? sender)
    {
        if (_prepended is { Count: > 0 } stack)
        {
            var envelope = stack.Pop();
            message = envelope.Message;
            sender = envelope.Sender;
            return true;
        }
        var next = Volatile.Read(ref _head.Next);
        if (next is null)
        {
            message = null!;
            sender = null;
            return false;
        }
        _head = next;
        message = next.Message!;
        sender = next.Sender;
        next.Message = null;
        next.Sender = null;
        return true;
    }

    private void ProcessSystemMessages()
    {
        // Only this (consumer) thread ever closes the queue, so once the marker is seen here it stays; the
        // marker must never be swapped out, or a message pushed meanwhile would be lost.
        var head = Volatile.Read(ref _systemHead);
        if (head is null || ReferenceEquals(head, ClosedSentinel)) return;
        var list = Interlocked.Exchange(ref _systemHead, null);
        // The stack is newest-first; run oldest-first.
        SystemMessage? reversed = null;
        while (list is not null)
        {
            var next = list.Next;
            list.Next = reversed;
            reversed = list;
            list = next;
        }
        while (reversed is not null)
        {
            var message = reversed;
            reversed = reversed.Next;
            message.Next = null;
            if (IsClosed)
            {
                DeadSystemMessages.Handle(_cell.Self, message);
                continue;
            }
            _cell.SystemInvoke(message);
        }
    }

    /// <summary>
    /// Marks the mailbox closed (consumer thread, when the actor has terminated) and sends everything
    /// still queued to dead letters.
    /// </summary>
    public void Close()
    {
        Interlocked.Or(ref _status, ClosedBit);
        var pending = Interlocked.Exchange(ref _systemHead, ClosedSentinel);
        while (pending is not null && !ReferenceEquals(pending, ClosedSentinel))
        {
            var next = pending.Next;
            pending.Next = null;
            DeadSystemMessages.Handle(_cell.Self, pending);
            pending = next;
        }
        DrainAfterClose();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DrainAfterClose()
    {
        // After the close any thread may find late messages; the lock keeps the single-consumer rule.
        lock (this)
        {
            var deadLetters = _cell.System.DeadLetterRef;
            var drained = 0;
            while (TryDequeue(out var message, out var sender))
            {
                drained++;
                if (message is not DeathWatchTerminated) deadLetters.Publish(message, sender, _cell.Self);
            }
            if (drained > 0) _cell.System.MetricsInternal.MessagesDrained(drained);
        }
    }
}
