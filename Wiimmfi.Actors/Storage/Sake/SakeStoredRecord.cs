using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Actors.Storage;

/// <summary>A SAKE record as stored.</summary>
/// <param name="RecordId">Server-assigned id (positive s32).</param>
/// <param name="OwnerId">Profile id of the creator; only the owner updates or deletes.</param>
/// <param name="Fields">The values by field name, exactly as the console wrote them.</param>
/// <param name="NumRatings">Votes received (RateRecord).</param>
/// <param name="SumRatings">Sum of the votes.</param>
/// <param name="MyRating">The asking profile's own vote, when the query named a rater and that profile voted.</param>
public sealed record SakeStoredRecord(
    int RecordId, uint OwnerId, IReadOnlyDictionary<string, SakeValue> Fields, int NumRatings, long SumRatings, int? MyRating)
{
    /// <summary>Mean vote, 0 without votes.</summary>
    public float AverageRating => NumRatings == 0 ? 0f : (float)((double)SumRatings / NumRatings);
}
