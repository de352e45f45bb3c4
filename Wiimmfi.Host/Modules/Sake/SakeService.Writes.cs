using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Host.Modules.Sake;

// CreateRecord, UpdateRecord, DeleteRecord, RateRecord (sake.md §6.1–6.3, 6.10).
public sealed partial class SakeService
{
    private async Task<SakeResponse> CreateAsync(Call call, SakeCreateRecordRequest request, CancellationToken cancellationToken)
    {
        if (call.IsSpecialTable || !call.Rule.PublicCreate)
        {
            return SakeResponse.ResultOnly(request.Action, SakeResult.NoPermission);
        }
        var checkedValues = SakeRecordValues.CheckWritten(call.Rule, request.Values, settings.Limits);
        if (checkedValues != SakeResult.Success)
        {
            return SakeResponse.ResultOnly(request.Action, checkedValues);
        }
        var fields = SakeRecordValues.WithDefaults(call.Rule, request.Values, time.GetUtcNow());
        var perGame = settings.MaxRecordsPerProfile;
        var limits = new SakeOwnerLimits(Math.Min(call.Rule.LimitPerOwner ?? perGame, perGame), perGame);
        var created = await store.Sake.CreateRecordAsync(
            new SakeNewRecord(call.GameId, request.TableId, call.Caller, fields, call.Rule.Layout), limits, cancellationToken).ConfigureAwait(false);
        return created.Outcome == SakeChangeOutcome.Done
            ? new SakeCreateRecordResponse(SakeResult.Success, created.RecordId)
            : SakeResponse.ResultOnly(request.Action, ToResult(created.Outcome));
    }

    private async Task<SakeResponse> UpdateAsync(Call call, SakeUpdateRecordRequest request, CancellationToken cancellationToken)
    {
        if (call.IsSpecialTable || !call.Rule.OwnerUpdate)
        {
            return SakeResponse.ResultOnly(request.Action, SakeResult.NoPermission);
        }
        var checkedValues = SakeRecordValues.CheckWritten(call.Rule, request.Values, settings.Limits);
        if (checkedValues != SakeResult.Success)
        {
            return SakeResponse.ResultOnly(request.Action, checkedValues);
        }
        var outcome = await store.Sake.UpdateRecordAsync(call.GameId, request.TableId, request.RecordId, call.Caller,
            request.Values, call.Rule.Layout, cancellationToken).ConfigureAwait(false);
        return SakeResponse.ResultOnly(request.Action, ToResult(outcome));
    }

    private async Task<SakeResponse> DeleteAsync(Call call, SakeDeleteRecordRequest request, CancellationToken cancellationToken)
    {
        if (call.IsSpecialTable || !call.Rule.OwnerDelete)
        {
            return SakeResponse.ResultOnly(request.Action, SakeResult.NoPermission);
        }
        var outcome = await store.Sake.DeleteRecordAsync(call.GameId, request.TableId, request.RecordId, call.Caller, cancellationToken).ConfigureAwait(false);
        return SakeResponse.ResultOnly(request.Action, ToResult(outcome));
    }

    private async Task<SakeResponse> RateAsync(Call call, SakeRateRecordRequest request, CancellationToken cancellationToken)
    {
        if (call.IsSpecialTable || !call.Rule.Rateable)
        {
            return SakeResponse.ResultOnly(request.Action, SakeResult.NotRateable);
        }
        var rated = await store.Sake.RateAsync(call.GameId, request.TableId, request.RecordId, call.Caller, request.Rating, cancellationToken).ConfigureAwait(false);
        return rated.Outcome == SakeChangeOutcome.Done
            ? new SakeRateRecordResponse(SakeResult.Success, rated.NumRatings, rated.AverageRating)
            : SakeResponse.ResultOnly(request.Action, ToResult(rated.Outcome));
    }

    private static SakeResult ToResult(SakeChangeOutcome outcome) => outcome switch
    {
        SakeChangeOutcome.Done => SakeResult.Success,
        SakeChangeOutcome.RecordNotFound => SakeResult.RecordNotFound,
        SakeChangeOutcome.NotOwned => SakeResult.NotOwned,
        SakeChangeOutcome.LimitReached => SakeResult.RecordLimitReached,
        SakeChangeOutcome.AlreadyRated => SakeResult.AlreadyRated,
        _ => SakeResult.UnknownError,
    };
}
