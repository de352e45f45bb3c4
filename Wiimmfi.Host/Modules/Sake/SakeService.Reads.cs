using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Filter;

namespace Wiimmfi.Host.Modules.Sake;

// GetMyRecords, GetSpecificRecords, SearchForRecords, GetRandomRecords, GetRecordCount, GetRecordLimit
// (sake.md §6.4–6.9).
public sealed partial class SakeService
{
    private async Task<SakeResponse> GetMyRecordsAsync(Call call, SakeGetMyRecordsRequest request, CancellationToken cancellationToken)
    {
        if (call.IsSpecialTable)
        {
            return SakeResponse.ResultOnly(request.Action, SakeResult.NoPermission);
        }
        if (request.Fields.Count == 0)
        {
            return SakeResponse.ResultOnly(request.Action, SakeResult.BadNumFields); // WiiLink's answer
        }
        var query = BaseQuery(call) with { OwnerIds = [call.Caller], Max = settings.Limits.MaxRecordsPerResponse };
        return await ReadAsync(call, request.Action, request.Fields, query, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SakeResponse> GetSpecificRecordsAsync(Call call, SakeGetSpecificRecordsRequest request, CancellationToken cancellationToken)
    {
        if (call.IsSpecialTable)
        {
            return SakeResponse.ResultOnly(request.Action, SakeResult.NoPermission);
        }
        if (request.RecordIds.Count == 0)
        {
            return new SakeRecordsResponse(request.Action, SakeResult.Success, []);
        }
        var query = BaseQuery(call) with
        {
            RecordIds = request.RecordIds,
            OwnerIds = call.Rule.PublicRead ? [] : [call.Caller],
            Max = Math.Min(request.RecordIds.Count, settings.Limits.MaxRecordsPerResponse),
        };
        return await ReadAsync(call, request.Action, request.Fields, query, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SakeResponse> SearchAsync(Call call, SakeSearchForRecordsRequest request, CancellationToken cancellationToken)
    {
        if (call.Rule.Kind is SakeTableKind.MkwGhostData or SakeTableKind.MkwStoredGhostData)
        {
            return await MkwGhostSearch.AnswerAsync(store.Race, call.Rule, call.Caller, request, cancellationToken).ConfigureAwait(false);
        }
        if (!TryParseFilter(call.Rule, request.Filter, SakeResult.FilterInvalid, out var filter, out var refused)
            || !TryParseFilter(call.Rule, request.TargetFilter, SakeResult.TargetFilterInvalid, out _, out refused))
        {
            return SakeResponse.ResultOnly(request.Action, refused);
        }
        var sort = SakeSortParser.Parse(request.Sort);
        if (!sort.IsValid)
        {
            return SakeResponse.ResultOnly(request.Action, SakeResult.SortInvalid);
        }
        // targetfilter/surrounding (leaderboard around one record) is implemented by no reference and used by no
        // known game; a valid one is accepted and the plain search is answered.
        var query = BaseQuery(call) with
        {
            Filter = filter,
            Sort = sort.Keys,
            OwnerIds = call.Rule.PublicRead ? request.OwnerIds.Select(id => unchecked((uint)id)).ToArray() : [call.Caller],
            Offset = request.Offset,
            // max 0 means "no limit" to WiiLink; ours is the response bound.
            Max = request.Max == 0 ? settings.Limits.MaxRecordsPerResponse : request.Max,
        };
        return await ReadAsync(call, request.Action, request.Fields, query, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SakeResponse> GetRandomAsync(Call call, SakeGetRandomRecordsRequest request, CancellationToken cancellationToken)
    {
        if (call.IsSpecialTable)
        {
            return SakeResponse.ResultOnly(request.Action, SakeResult.NoPermission);
        }
        if (!TryParseFilter(call.Rule, request.Filter, SakeResult.FilterInvalid, out var filter, out var refused))
        {
            return SakeResponse.ResultOnly(request.Action, refused);
        }
        var query = BaseQuery(call) with
        {
            Filter = filter,
            Random = true,
            OwnerIds = call.Rule.PublicRead ? [] : [call.Caller],
            Max = Math.Max(1, request.Max),
        };
        return await ReadAsync(call, request.Action, request.Fields, query, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SakeResponse> CountAsync(Call call, SakeGetRecordCountRequest request, CancellationToken cancellationToken)
    {
        if (call.IsSpecialTable)
        {
            return SakeResponse.ResultOnly(request.Action, SakeResult.NoPermission);
        }
        if (!TryParseFilter(call.Rule, request.Filter, SakeResult.FilterInvalid, out var filter, out var refused))
        {
            return SakeResponse.ResultOnly(request.Action, refused);
        }
        var query = BaseQuery(call) with { Filter = filter, OwnerIds = call.Rule.PublicRead ? [] : [call.Caller] };
        var count = await store.Sake.CountAsync(query, cancellationToken).ConfigureAwait(false);
        return count.Result == SakeResult.Success
            ? new SakeRecordCountResponse(SakeResult.Success, (int)Math.Min(count.Count, int.MaxValue))
            : SakeResponse.ResultOnly(request.Action, count.Result);
    }

    private async Task<SakeResponse> GetLimitAsync(Call call, SakeGetRecordLimitRequest request, CancellationToken cancellationToken)
    {
        var limit = call.IsSpecialTable ? 0 : Math.Min(call.Rule.LimitPerOwner ?? settings.MaxRecordsPerProfile, settings.MaxRecordsPerProfile);
        var owned = call.IsSpecialTable ? 0 : await store.Sake.CountOwnedAsync(call.GameId, request.TableId, call.Caller, cancellationToken).ConfigureAwait(false);
        return new SakeRecordLimitResponse(SakeResult.Success, limit, owned);
    }

    private SakeRecordQuery BaseQuery(Call call) => new(call.GameId, call.Rule.TableId)
    {
        Layout = call.Rule.Layout,
        FieldTypeOf = field => SortTypeOf(call.Rule, field),
        Rater = call.Rule.Rateable ? call.Caller : null,
    };

    /// <summary>
    /// How a field sorts: by its declared type; an undeclared field of a table that allows them sorts as an integer
    /// (what games sort by — times, scores — is numeric; text sorts as 0); a hardened table refuses it (SortInvalid).
    /// </summary>
    private static SakeFieldType? SortTypeOf(SakeTableRule rule, string field) =>
        rule.TypeOf(field) ?? (rule.Hardened ? null : SakeFieldType.Int64);

    private async Task<SakeResponse> ReadAsync(Call call, SakeAction action, IReadOnlyList<string> fields, SakeRecordQuery query, CancellationToken cancellationToken)
    {
        var requested = SakeRecordValues.CheckRequested(call.Rule, fields);
        if (requested != SakeResult.Success)
        {
            return SakeResponse.ResultOnly(action, requested);
        }
        var page = await store.Sake.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        if (page.Result != SakeResult.Success)
        {
            return SakeResponse.ResultOnly(action, page.Result);
        }
        var records = new List<IReadOnlyList<SakeValue>>(page.Records.Count);
        foreach (var record in page.Records)
        {
            if (SakeRecordValues.Read(call.Rule, record, fields, call.Caller) is { } values)
            {
                records.Add(values);
            }
        }
        return new SakeRecordsResponse(action, SakeResult.Success, records);
    }

    /// <summary>Parses an optional filter; a hardened table also refuses fields it does not declare.</summary>
    private static bool TryParseFilter(SakeTableRule rule, string? text, SakeResult invalid, out SakeFilterNode? filter, out SakeResult refused)
    {
        filter = null;
        refused = SakeResult.Success;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var parsed = SakeFilterParser.Parse(text);
        if (!parsed.IsValid)
        {
            refused = invalid;
            return false;
        }
        if (rule.Hardened)
        {
            foreach (var name in SakeFilterFields.Referenced(parsed.Filter))
            {
                if (rule.TypeOf(name) is null)
                {
                    refused = SakeResult.FieldNotFound;
                    return false;
                }
            }
        }
        filter = parsed.Filter;
        return true;
    }
}
