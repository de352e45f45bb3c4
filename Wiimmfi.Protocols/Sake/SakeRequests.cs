namespace Wiimmfi.Protocols.Sake;

// The ten SAKE actions' requests (sake.md §2.1), element order as the GameSpy SDK writes them.
// Lists are never null; an absent list element reads as empty.

/// <summary>CreateRecord: insert a record owned by the caller.</summary>
public sealed record SakeCreateRecordRequest(
    int GameId, string SecretKey, string LoginTicket, string TableId,
    IReadOnlyList<SakeField> Values) : SakeRequest(GameId, SecretKey, LoginTicket, TableId)
{
    public override SakeAction Action => SakeAction.CreateRecord;
}

/// <summary>UpdateRecord: merge <see cref="Values"/> into the caller's record.</summary>
public sealed record SakeUpdateRecordRequest(
    int GameId, string SecretKey, string LoginTicket, string TableId,
    int RecordId, IReadOnlyList<SakeField> Values) : SakeRequest(GameId, SecretKey, LoginTicket, TableId)
{
    public override SakeAction Action => SakeAction.UpdateRecord;
}

/// <summary>DeleteRecord: delete the caller's record.</summary>
public sealed record SakeDeleteRecordRequest(
    int GameId, string SecretKey, string LoginTicket, string TableId,
    int RecordId) : SakeRequest(GameId, SecretKey, LoginTicket, TableId)
{
    public override SakeAction Action => SakeAction.DeleteRecord;
}

/// <summary>GetMyRecords: the caller's records, one value per requested field.</summary>
public sealed record SakeGetMyRecordsRequest(
    int GameId, string SecretKey, string LoginTicket, string TableId,
    IReadOnlyList<string> Fields) : SakeRequest(GameId, SecretKey, LoginTicket, TableId)
{
    public override SakeAction Action => SakeAction.GetMyRecords;
}

/// <summary>GetSpecificRecords: the records with the given ids.</summary>
public sealed record SakeGetSpecificRecordsRequest(
    int GameId, string SecretKey, string LoginTicket, string TableId,
    IReadOnlyList<int> RecordIds, IReadOnlyList<string> Fields) : SakeRequest(GameId, SecretKey, LoginTicket, TableId)
{
    public override SakeAction Action => SakeAction.GetSpecificRecords;
}

/// <summary>
/// SearchForRecords: records matching <see cref="Filter"/> (and owned by one of
/// <see cref="OwnerIds"/> when that list is not empty), ordered by <see cref="Sort"/>, skipping
/// <see cref="Offset"/>, at most <see cref="Max"/>.
/// </summary>
/// <param name="Filter">SQL-like condition (<see cref="Filter.SakeFilterParser"/>), null when absent.</param>
/// <param name="Sort">ORDER BY fragment (<see cref="Filter.SakeSortParser"/>), null when absent.</param>
/// <param name="Offset">Records to skip (≥ 0).</param>
/// <param name="Max">Records to return, already reduced to <see cref="SakeLimits.MaxRecordsPerResponse"/>.</param>
/// <param name="TargetFilter">Leaderboard anchor filter (not implemented by any reference), null when absent.</param>
/// <param name="Surrounding">Records around the target, reduced like <see cref="Max"/>.</param>
/// <param name="OwnerIds">Owner restriction; empty = any owner.</param>
/// <param name="CacheFlag">Client hint, ignorable.</param>
/// <param name="Fields">Requested field names, in answer order.</param>
public sealed record SakeSearchForRecordsRequest(
    int GameId, string SecretKey, string LoginTicket, string TableId,
    string? Filter, string? Sort, int Offset, int Max, string? TargetFilter, int Surrounding,
    IReadOnlyList<int> OwnerIds, bool CacheFlag, IReadOnlyList<string> Fields) : SakeRequest(GameId, SecretKey, LoginTicket, TableId)
{
    public override SakeAction Action => SakeAction.SearchForRecords;
}

/// <summary>GetRandomRecords: up to <see cref="Max"/> random records matching <see cref="Filter"/>.</summary>
public sealed record SakeGetRandomRecordsRequest(
    int GameId, string SecretKey, string LoginTicket, string TableId,
    string? Filter, int Max, IReadOnlyList<string> Fields) : SakeRequest(GameId, SecretKey, LoginTicket, TableId)
{
    public override SakeAction Action => SakeAction.GetRandomRecords;
}

/// <summary>GetRecordCount: number of records matching <see cref="Filter"/>.</summary>
public sealed record SakeGetRecordCountRequest(
    int GameId, string SecretKey, string LoginTicket, string TableId,
    string? Filter, bool CacheFlag) : SakeRequest(GameId, SecretKey, LoginTicket, TableId)
{
    public override SakeAction Action => SakeAction.GetRecordCount;
}

/// <summary>GetRecordLimit: the per-owner limit of the table and how many the caller owns.</summary>
public sealed record SakeGetRecordLimitRequest(
    int GameId, string SecretKey, string LoginTicket, string TableId) : SakeRequest(GameId, SecretKey, LoginTicket, TableId)
{
    public override SakeAction Action => SakeAction.GetRecordLimit;
}

/// <summary>RateRecord: the caller rates a record (once).</summary>
public sealed record SakeRateRecordRequest(
    int GameId, string SecretKey, string LoginTicket, string TableId,
    int RecordId, byte Rating) : SakeRequest(GameId, SecretKey, LoginTicket, TableId)
{
    public override SakeAction Action => SakeAction.RateRecord;
}
