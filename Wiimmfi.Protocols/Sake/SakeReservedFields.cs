namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// Field names with a fixed meaning in every table (sake.md §5): record metadata that can be
/// read but never written, and rating fields the server maintains.
/// </summary>
public static class SakeReservedFields
{
    public const string RecordId = "recordid";
    public const string OwnerId = "ownerid";
    public const string GameId = "gameid";
    public const string TableId = "tableid";
    public const string AverageRating = "average_rating";
    public const string NumRatings = "num_ratings";
    public const string MyRating = "my_rating";
    public const string SumRatings = "sum_ratings";

    /// <summary>
    /// Whether a client may write the field: metadata → <see cref="SakeResult.NoPermission"/>,
    /// server-maintained rating fields → <see cref="SakeResult.FieldNotFound"/> (WiiLink), others →
    /// <see cref="SakeResult.Success"/>.
    /// </summary>
    public static SakeResult CheckWritable(string name) => name switch
    {
        RecordId or OwnerId or GameId or TableId => SakeResult.NoPermission,
        AverageRating or NumRatings or MyRating or SumRatings => SakeResult.FieldNotFound,
        _ => SakeResult.Success,
    };

    /// <summary>True for the record metadata names a filter or sort refers to directly.</summary>
    public static bool IsMetadata(string name) => name is RecordId or OwnerId or GameId or TableId;
}
