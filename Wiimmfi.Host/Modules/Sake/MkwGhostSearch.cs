using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Files;
using Wiimmfi.Protocols.Sake.Filter;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>
/// Mario Kart Wii's two ghost "tables" (sake.md §8.2), answered from the ghost store rather than from records:
/// <list type="bullet">
/// <item><c>GhostData</c> with filter <c>course = c and gameid = 1687 and time &lt; t</c>: the ghost with the largest
/// time below <c>t</c> on course <c>c</c> (any region, not the caller's own) — a rival slightly faster than the player.</item>
/// <item><c>StoredGhostData</c> with filter <c>course = c and gameid = 1687 [and region = r]</c>: the fastest ghost on
/// that course, worldwide or in region 1–7.</item>
/// </list>
/// The comparisons may come in any order; anything else is <c>FilterInvalid</c>. The answer is one record (or none)
/// with the fields <c>fileid</c>, <c>profile</c>, <c>course</c>, <c>region</c>, <c>time</c> (and <c>recordid</c> =
/// file id, <c>ownerid</c> = profile) in the requested order; which of them MKW asks for is not recorded anywhere,
/// so all are served.
/// </summary>
internal static class MkwGhostSearch
{
    public static async Task<SakeResponse> AnswerAsync(IRaceStore race, SakeTableRule rule, uint caller, SakeSearchForRecordsRequest request, CancellationToken cancellationToken)
    {
        var action = request.Action;
        if (string.IsNullOrWhiteSpace(request.Filter) || SakeFilterParser.Parse(request.Filter) is not { IsValid: true } parsed
            || !TryReadConditions(parsed.Filter, out var conditions))
        {
            return SakeResponse.ResultOnly(action, SakeResult.FilterInvalid);
        }
        var requested = SakeRecordValues.CheckRequested(rule, request.Fields);
        if (requested != SakeResult.Success)
        {
            return SakeResponse.ResultOnly(action, requested);
        }
        if (!conditions.TryGetValue(("gameid", SakeFilterOperator.Equal), out var gameId) || gameId != MkwFacts.GameId
            || !conditions.TryGetValue(("course", SakeFilterOperator.Equal), out var course) || !MkwCourses.IsStandardCourse((int)course))
        {
            return SakeResponse.ResultOnly(action, SakeResult.FilterInvalid);
        }

        RaceGhost? ghost;
        if (rule.Kind == SakeTableKind.MkwGhostData)
        {
            if (conditions.Count != 3 || !conditions.TryGetValue(("time", SakeFilterOperator.Less), out var below)
                || below is < 1 or > MkwCourses.TimeLimitMilliseconds)
            {
                return SakeResponse.ResultOnly(action, SakeResult.FilterInvalid);
            }
            ghost = await race.FindRivalGhostAsync((int)course, (int)below, caller, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var region = 0L;
            if (conditions.Count != 2 && (conditions.Count != 3 || !conditions.TryGetValue(("region", SakeFilterOperator.Equal), out region)
                || region is < 1 or > MkwCourses.LastRegion))
            {
                return SakeResponse.ResultOnly(action, SakeResult.FilterInvalid);
            }
            ghost = await race.FindFastestGhostAsync((int)course, (int)region, cancellationToken).ConfigureAwait(false);
        }
        if (ghost is null || request.Offset > 0)
        {
            return new SakeRecordsResponse(action, SakeResult.Success, []);
        }
        var values = new List<SakeValue>(request.Fields.Count);
        foreach (var field in request.Fields)
        {
            values.Add(field switch
            {
                "fileid" or SakeReservedFields.RecordId => SakeValue.FromInt32(ghost.FileId),
                "profile" or SakeReservedFields.OwnerId => SakeValue.FromInt32(unchecked((int)ghost.ProfileId)),
                "course" => SakeValue.FromInt32((int)course),
                "region" => SakeValue.FromInt32(conditions.TryGetValue(("region", SakeFilterOperator.Equal), out var r) ? (int)r : 0),
                "time" => SakeValue.FromInt32(ghost.TimeMs),
                SakeReservedFields.TableId => SakeValue.FromAsciiString(rule.TableId),
                _ => SakeValue.FromInt32(0),
            });
        }
        return new SakeRecordsResponse(action, SakeResult.Success, [values]);
    }

    /// <summary>Reads a conjunction of <c>name op number</c> comparisons; false for any other shape or a repeated comparison.</summary>
    private static bool TryReadConditions(SakeFilterNode filter, out Dictionary<(string Name, SakeFilterOperator Operator), long> conditions)
    {
        conditions = [];
        var pending = new Stack<SakeFilterNode>();
        pending.Push(filter);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case SakeFilterBinary { Operator: SakeFilterOperator.And } and:
                    pending.Push(and.Left);
                    pending.Push(and.Right);
                    break;
                case SakeFilterBinary { Operator: SakeFilterOperator.Equal or SakeFilterOperator.Less } comparison
                    when comparison.Left is SakeFilterIdentifier name && comparison.Right is SakeFilterNumber number:
                    if (!conditions.TryAdd((name.Name, comparison.Operator), number.Value))
                    {
                        return false;
                    }
                    break;
                default:
                    return false;
            }
        }
        return true;
    }
}
