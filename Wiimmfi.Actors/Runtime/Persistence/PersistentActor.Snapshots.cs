using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Runtime.Persistence;

public abstract partial class PersistentActor
{
    /// <summary>
    /// Saves <paramref name="snapshot"/> (an immutable record with a <c>[WireName]</c>) as the state after
    /// event <see cref="SnapshotSequenceNr"/>; answered with <see cref="SaveSnapshotSuccess"/> or
    /// <see cref="SaveSnapshotFailure"/> as a command. The next recovery starts from it.
    /// </summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var extension = Extension;
        var metadata = new SnapshotMetadata(_persistenceId, SnapshotSequenceNr, extension.Time.GetUtcNow());
        var self = Self;
        var logger = extension.Logger;
        SerializedMessage serialized;
        try
        {
            serialized = extension.Serializer.SerializeSnapshot(snapshot);
        }
        catch (MessageSerializationException e)
        {
            extension.Metrics.SnapshotFailed();
            PersistenceLog.SnapshotSaveFailed(logger, metadata.PersistenceId, metadata.SequenceNr, e);
            self.Tell(new SaveSnapshotFailure(metadata, e), self);
            return;
        }
        var record = new SnapshotRecord(metadata, serialized.Manifest, serialized.Payload);
        _ = Task.Run(async () =>
        {
            try
            {
                // A fenced node's snapshot could land after the successor's own, newer writes.
                if (extension.IsFenced) throw new JournalFencedException();
                await extension.SnapshotStore.SaveAsync(record).ConfigureAwait(false);
                extension.Metrics.SnapshotSaved();
                self.Tell(new SaveSnapshotSuccess(metadata), self);
            }
            catch (Exception e)
            {
                extension.Metrics.SnapshotFailed();
                PersistenceLog.SnapshotSaveFailed(logger, metadata.PersistenceId, metadata.SequenceNr, e);
                self.Tell(new SaveSnapshotFailure(metadata, e), self);
            }
        });
    }

    /// <summary>Deletes this actor's snapshot at <paramref name="sequenceNr"/>; answered with <see cref="DeleteSnapshotSuccess"/> or <see cref="DeleteSnapshotFailure"/>.</summary>
    protected void DeleteSnapshot(long sequenceNr)
    {
        var extension = Extension;
        var metadata = new SnapshotMetadata(_persistenceId, sequenceNr, DateTimeOffset.MinValue);
        var self = Self;
        var logger = extension.Logger;
        _ = Task.Run(async () =>
        {
            try
            {
                if (extension.IsFenced) throw new JournalFencedException();
                await extension.SnapshotStore.DeleteAsync(metadata).ConfigureAwait(false);
                self.Tell(new DeleteSnapshotSuccess(metadata), self);
            }
            catch (Exception e)
            {
                PersistenceLog.DeleteSnapshotsFailed(logger, metadata.PersistenceId, e);
                self.Tell(new DeleteSnapshotFailure(metadata, e), self);
            }
        });
    }

    /// <summary>Deletes this actor's snapshots that match <paramref name="criteria"/>; answered with <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/>.</summary>
    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var extension = Extension;
        var persistenceId = _persistenceId;
        var self = Self;
        var logger = extension.Logger;
        _ = Task.Run(async () =>
        {
            try
            {
                if (extension.IsFenced) throw new JournalFencedException();
                await extension.SnapshotStore.DeleteAsync(persistenceId, criteria).ConfigureAwait(false);
                self.Tell(new DeleteSnapshotsSuccess(criteria), self);
            }
            catch (Exception e)
            {
                PersistenceLog.DeleteSnapshotsFailed(logger, persistenceId, e);
                self.Tell(new DeleteSnapshotsFailure(criteria, e), self);
            }
        });
    }

    /// <summary>
    /// Deletes this actor's events up to <paramref name="toSequenceNr"/> (<c>long.MaxValue</c>: all so far);
    /// answered with <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>. Only
    /// durable events can be deleted: a number above <see cref="LastSequenceNr"/> is refused. The
    /// sequence numbering continues after the highest number ever used. Typically called after
    /// <see cref="SaveSnapshotSuccess"/>, with its sequence number.
    /// </summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        var extension = Extension;
        var self = Self;
        var persistenceId = _persistenceId;
        var logger = extension.Logger;
        if (toSequenceNr == long.MaxValue) toSequenceNr = LastSequenceNr;
        else if (toSequenceNr > LastSequenceNr)
        {
            self.Tell(new DeleteMessagesFailure(new InvalidOperationException(
                $"Cannot delete up to #{toSequenceNr}: the last durable event of [{persistenceId}] is #{LastSequenceNr}."), toSequenceNr), self);
            return;
        }
        var target = toSequenceNr;
        _ = Task.Run(async () =>
        {
            try
            {
                // A fenced node must not delete events the successor's recovered entities rely on.
                if (extension.IsFenced) throw new JournalFencedException();
                await extension.Journal.DeleteMessagesToAsync(persistenceId, target).ConfigureAwait(false);
                self.Tell(new DeleteMessagesSuccess(target), self);
            }
            catch (Exception e)
            {
                PersistenceLog.DeleteMessagesFailed(logger, persistenceId, target, e);
                self.Tell(new DeleteMessagesFailure(e, target), self);
            }
        });
    }
}
