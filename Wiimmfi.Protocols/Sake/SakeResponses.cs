namespace Wiimmfi.Protocols.Sake;

// Responses of the SAKE actions (sake.md §4). When Result is not Success the writer emits only
// the result element, whatever the record holds: that is what the SDK expects on failure.

/// <summary>A SAKE action response.</summary>
public abstract record SakeResponse(SakeResult Result)
{
    /// <summary>The action this answers; names the response and result elements.</summary>
    public abstract SakeAction Action { get; }

    /// <summary>A response carrying only <paramref name="result"/> (auth failures, action errors).</summary>
    public static SakeResponse ResultOnly(SakeAction action, SakeResult result) => new SakeResultOnlyResponse(action, result);
}

/// <summary>Any action's response with nothing but the result (also UpdateRecord/DeleteRecord success).</summary>
public sealed record SakeResultOnlyResponse(SakeAction ForAction, SakeResult Result) : SakeResponse(Result)
{
    public override SakeAction Action => ForAction;
}

/// <summary>CreateRecord: the new record's id.</summary>
public sealed record SakeCreateRecordResponse(SakeResult Result, int RecordId) : SakeResponse(Result)
{
    public override SakeAction Action => SakeAction.CreateRecord;
}

/// <summary>
/// GetMyRecords, GetSpecificRecords, SearchForRecords, GetRandomRecords: one list of values per
/// record, each with exactly one value per requested field in request order (the SDK rejects the
/// whole answer otherwise).
/// </summary>
public sealed record SakeRecordsResponse(SakeAction ForAction, SakeResult Result, IReadOnlyList<IReadOnlyList<SakeValue>> Records)
    : SakeResponse(Result)
{
    public override SakeAction Action => ForAction;

    /// <summary>True for the actions that answer with records.</summary>
    public static bool Answers(SakeAction action) =>
        action is SakeAction.GetMyRecords or SakeAction.GetSpecificRecords or SakeAction.SearchForRecords or SakeAction.GetRandomRecords;
}

/// <summary>GetRecordCount.</summary>
public sealed record SakeRecordCountResponse(SakeResult Result, int Count) : SakeResponse(Result)
{
    public override SakeAction Action => SakeAction.GetRecordCount;
}

/// <summary>GetRecordLimit.</summary>
public sealed record SakeRecordLimitResponse(SakeResult Result, int LimitPerOwner, int NumOwned) : SakeResponse(Result)
{
    public override SakeAction Action => SakeAction.GetRecordLimit;
}

/// <summary>RateRecord: the record's rating totals after the vote.</summary>
public sealed record SakeRateRecordResponse(SakeResult Result, int NumRatings, float AverageRating) : SakeResponse(Result)
{
    public override SakeAction Action => SakeAction.RateRecord;
}
