using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// SAKE storage: records of per-game tables with typed values, votes, and the files of the SAKE file server.
/// The store knows nothing of table rules (which tables exist, who may write, field types): the SAKE service
/// checks those and hands over validated values; the store keeps ownership, per-owner limits and one vote per
/// profile exact under concurrency, each change in one transaction.
/// </summary>
public interface ISakeStore
{
    /// <summary>Creates a record unless the owner reached a limit (<see cref="SakeChangeOutcome.LimitReached"/>).</summary>
    Task<SakeCreateResult> CreateRecordAsync(SakeNewRecord record, SakeOwnerLimits limits, CancellationToken cancellationToken = default);

    /// <summary>Merges <paramref name="changes"/> into the owner's record; fields not named stay.</summary>
    Task<SakeChangeOutcome> UpdateRecordAsync(int gameId, string tableId, int recordId, uint ownerId,
        IReadOnlyList<SakeField> changes, SakeTableLayout layout, CancellationToken cancellationToken = default);

    /// <summary>Deletes the owner's record (and its votes).</summary>
    Task<SakeChangeOutcome> DeleteRecordAsync(int gameId, string tableId, int recordId, uint ownerId, CancellationToken cancellationToken = default);

    /// <summary>Reads records (GetMyRecords, GetSpecificRecords, SearchForRecords, GetRandomRecords).</summary>
    Task<SakeRecordPage> SearchAsync(SakeRecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts the records a query matches (offset, max and sort ignored).</summary>
    Task<SakeRecordCount> CountAsync(SakeRecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="ownerId"/> owns in the table.</summary>
    Task<int> CountOwnedAsync(int gameId, string tableId, uint ownerId, CancellationToken cancellationToken = default);

    /// <summary>Adds a vote; one per profile and record.</summary>
    Task<SakeRateResult> RateAsync(int gameId, string tableId, int recordId, uint raterId, byte rating, CancellationToken cancellationToken = default);

    /// <summary>Stores a file unless the owner has <paramref name="maxFilesPerOwner"/> files of that kind already; returns its id, or 0.</summary>
    Task<int> AddFileAsync(SakeNewFile file, int maxFilesPerOwner, CancellationToken cancellationToken = default);

    /// <summary>A file by id (counting the download), or null.</summary>
    Task<SakeStoredFile?> DownloadFileAsync(int fileId, CancellationToken cancellationToken = default);
}
