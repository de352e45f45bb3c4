using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Filter;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Which records of one table a read wants. The store translates the parsed filter and sort into SQL (every
/// client value becomes a bound parameter) and answers with <see cref="SakeRecordPage"/>.
/// </summary>
public sealed record SakeRecordQuery(int GameId, string TableId)
{
    /// <summary>The parsed <c>filter</c>, or null for all records.</summary>
    public SakeFilterNode? Filter { get; init; }

    /// <summary>Sort keys; empty = by record id.</summary>
    public IReadOnlyList<SakeSortKey> Sort { get; init; } = [];

    /// <summary>The table's declared field types (sort order of a field depends on it); null sorts every field as text.</summary>
    public Func<string, SakeFieldType?>? FieldTypeOf { get; init; }

    /// <summary>The table's indexed fields.</summary>
    public SakeTableLayout Layout { get; init; } = SakeTableLayout.None;

    /// <summary>Only records of these owners; empty = any owner.</summary>
    public IReadOnlyList<uint> OwnerIds { get; init; } = [];

    /// <summary>Only these records; empty = any record.</summary>
    public IReadOnlyList<int> RecordIds { get; init; } = [];

    /// <summary>Records to skip.</summary>
    public int Offset { get; init; }

    /// <summary>Records to return at most (already bounded by the caller).</summary>
    public int Max { get; init; } = 100;

    /// <summary>Random order (GetRandomRecords) instead of <see cref="Sort"/>.</summary>
    public bool Random { get; init; }

    /// <summary>Profile whose own vote fills <see cref="SakeStoredRecord.MyRating"/>, or null.</summary>
    public uint? Rater { get; init; }
}

/// <summary>Answer to a <see cref="SakeRecordQuery"/>.</summary>
/// <param name="Result">Success, or FilterInvalid / SortInvalid when the filter or sort cannot be translated.</param>
/// <param name="Error">Why, for the log.</param>
public sealed record SakeRecordPage(SakeResult Result, string? Error, IReadOnlyList<SakeStoredRecord> Records)
{
    public static SakeRecordPage Refused(SakeResult result, string error) => new(result, error, []);
}

/// <summary>Answer to a count.</summary>
public sealed record SakeRecordCount(SakeResult Result, string? Error, long Count);
