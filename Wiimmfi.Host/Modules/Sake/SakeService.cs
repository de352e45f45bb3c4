using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common.GameList;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>Settings of the SAKE service (from <c>wiimmfi.sake</c>).</summary>
/// <param name="OpenTables">Serve tables without a rule, schemaless.</param>
/// <param name="MaxRecordsPerProfile">Records one profile may own per game (all tables).</param>
/// <param name="Limits">Bounds of the SOAP layer and of values.</param>
public sealed record SakeServiceSettings(bool OpenTables, int MaxRecordsPerProfile, SakeLimits Limits);

/// <summary>
/// The SAKE storage service: what each of the ten actions means, between a parsed request and the response.
/// </summary>
/// <remarks>
/// <para>Every request is checked in the same order (sake.md §3): the game id must be in the game list
/// (<c>DatabaseUnavailable</c> otherwise, as WiiLink answers) and enabled (<c>ServiceDisabled</c>), the secret key
/// must be the game's (<c>SecretKeyInvalid</c>), the login ticket must open with the node's ticket key
/// (<c>LoginTicketInvalid</c> / <c>LoginTicketExpired</c>) — it names the caller's profile — and the table must
/// have a rule or the node must allow open tables (<c>TableNotFound</c>). Then the table's rule decides
/// (<see cref="SakeTableRule"/>): field types, undeclared fields, permissions, votes, limits.</para>
/// <para>The service keeps no state; the store does, and keeps ownership, limits and single votes exact under
/// concurrency. A store failure is answered <c>DatabaseUnavailable</c> by the HTTP endpoint; nothing already
/// stored is touched by a failed request.</para>
/// </remarks>
public sealed partial class SakeService(
    IWiimmfiStore store,
    GameListProvider games,
    GpcmLoginTicketCodec tickets,
    SakeTableCatalog catalog,
    SakeServiceSettings settings,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>The rules in force.</summary>
    public SakeTableCatalog Catalog => catalog;

    /// <summary>Answers one parsed request.</summary>
    public async Task<SakeResponse> HandleAsync(SakeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var identity = Authenticate(request, out var game, out var caller);
        if (identity != SakeResult.Success)
        {
            SakeLog.Refused(logger, request.Action, request.GameId, request.TableId, identity);
            return SakeResponse.ResultOnly(request.Action, identity);
        }
        var rule = catalog.Find(game.Name, request.TableId)
                   ?? (settings.OpenTables && request.TableId.Length > 0 ? SakeTableRule.Open(game.Name, request.TableId) : null);
        if (rule is null)
        {
            SakeLog.Refused(logger, request.Action, request.GameId, request.TableId, SakeResult.TableNotFound);
            return SakeResponse.ResultOnly(request.Action, SakeResult.TableNotFound);
        }
        var call = new Call(request.GameId, caller, rule);
        var response = request switch
        {
            SakeCreateRecordRequest create => await CreateAsync(call, create, cancellationToken).ConfigureAwait(false),
            SakeUpdateRecordRequest update => await UpdateAsync(call, update, cancellationToken).ConfigureAwait(false),
            SakeDeleteRecordRequest delete => await DeleteAsync(call, delete, cancellationToken).ConfigureAwait(false),
            SakeGetMyRecordsRequest mine => await GetMyRecordsAsync(call, mine, cancellationToken).ConfigureAwait(false),
            SakeGetSpecificRecordsRequest specific => await GetSpecificRecordsAsync(call, specific, cancellationToken).ConfigureAwait(false),
            SakeSearchForRecordsRequest search => await SearchAsync(call, search, cancellationToken).ConfigureAwait(false),
            SakeGetRandomRecordsRequest random => await GetRandomAsync(call, random, cancellationToken).ConfigureAwait(false),
            SakeGetRecordCountRequest count => await CountAsync(call, count, cancellationToken).ConfigureAwait(false),
            SakeGetRecordLimitRequest limit => await GetLimitAsync(call, limit, cancellationToken).ConfigureAwait(false),
            SakeRateRecordRequest rate => await RateAsync(call, rate, cancellationToken).ConfigureAwait(false),
            _ => SakeResponse.ResultOnly(request.Action, SakeResult.UnknownError),
        };
        if (response.Result != SakeResult.Success)
        {
            SakeLog.Refused(logger, request.Action, request.GameId, request.TableId, response.Result);
        }
        return response;
    }

    /// <summary>Who is calling, for which game: the checks every action starts with.</summary>
    private SakeResult Authenticate(SakeRequest request, out GameInfo game, out uint caller)
    {
        caller = 0;
        if (!games.Current.TryGetById(request.GameId, out game!))
        {
            return SakeResult.DatabaseUnavailable;
        }
        if (!game.Enabled)
        {
            return SakeResult.ServiceDisabled;
        }
        if (game.SecretKey is null || !string.Equals(game.SecretKey, request.SecretKey, StringComparison.Ordinal))
        {
            return SakeResult.SecretKeyInvalid;
        }
        return tickets.TryOpen(request.LoginTicket, time.GetUtcNow(), out caller, out _) switch
        {
            GpcmLoginTicketCheck.Valid => SakeResult.Success,
            GpcmLoginTicketCheck.Expired => SakeResult.LoginTicketExpired,
            _ => SakeResult.LoginTicketInvalid,
        };
    }

    /// <summary>One authenticated call: the game, the caller's profile and the table's rule.</summary>
    private sealed record Call(int GameId, uint Caller, SakeTableRule Rule)
    {
        public bool IsSpecialTable => Rule.Kind != SakeTableKind.Records;
    }
}
