using System.Data.Common;
using Dapper;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Filter;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// <see cref="ISakeStore"/> on SQLite or PostgreSQL.
/// </summary>
/// <remarks>
/// <para>Reads: the filter and sort arrive parsed; <see cref="SakeFilterSql"/> turns them into a condition where
/// every client value is a bound parameter. Fields the table indexes are compared on the k0..k3 columns (and the
/// rating totals on their own columns), so such searches are index range scans; any other field is looked up in
/// the record's JSON, which reads every record of the table.</para>
/// <para>Writes: each change is one transaction. Per-owner limits are counted inside it — SQLite's BEGIN
/// IMMEDIATE serialises all writers; PostgreSQL takes a transaction-scoped advisory lock per owner — so two
/// concurrent creates can never both pass the last free slot. Votes are unique by primary key.</para>
/// </remarks>
internal sealed class SqlSakeStore(StoreDatabase database, TimeProvider time) : ISakeStore
{
    // Advisory-lock key space of this store (single 64-bit keys): "SAKE" in the high half, the owner in the low.
    private const long OwnerLockPrefix = 0x53414B45L << 32;

    private StoreDatabase Database => database;

    private bool IsPostgres => database.Kind == StoreKind.Postgres;

    private string FieldsParameter => IsPostgres ? "CAST(@Fields AS jsonb)" : "@Fields";

    private string ForUpdate => IsPostgres ? " FOR UPDATE" : "";

    public async Task<SakeCreateResult> CreateRecordAsync(SakeNewRecord record, SakeOwnerLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(limits);
        var fields = new Dictionary<string, SakeValue>(StringComparer.Ordinal);
        foreach (var field in record.Fields)
        {
            fields[field.Name] = field.Value;
        }
        var slots = Slots(fields, record.Layout);
        var now = UnixMilliseconds.From(time.GetUtcNow());
        return await database.WriteAsync(async transaction =>
        {
            var connection = transaction.Connection!;
            await LockOwnerAsync(transaction, record.OwnerId, cancellationToken).ConfigureAwait(false);
            var owned = await connection.QuerySingleAsync<OwnedCounts>(database.Command(
                "SELECT count(*) AS in_game, COALESCE(SUM(CASE WHEN table_id = @TableId THEN 1 ELSE 0 END), 0) AS in_table " +
                "FROM sake_records WHERE game_id = @GameId AND owner_id = @OwnerId",
                new { record.GameId, record.TableId, OwnerId = (long)record.OwnerId }, transaction, cancellationToken)).ConfigureAwait(false);
            if (owned.InTable >= limits.PerTable || owned.InGame >= limits.PerGame)
            {
                return new SakeCreateResult(SakeChangeOutcome.LimitReached, 0);
            }
            var id = await connection.ExecuteScalarAsync<long>(database.Command(
                "INSERT INTO sake_records (game_id, table_id, owner_id, fields, k0, k1, k2, k3, created_ms, updated_ms) " +
                $"VALUES (@GameId, @TableId, @OwnerId, {FieldsParameter}, @K0, @K1, @K2, @K3, @Now, @Now) RETURNING record_id",
                new
                {
                    record.GameId, record.TableId, OwnerId = (long)record.OwnerId, Fields = SakeFieldsJson.Write(fields),
                    K0 = slots[0], K1 = slots[1], K2 = slots[2], K3 = slots[3], Now = now,
                }, transaction, cancellationToken)).ConfigureAwait(false);
            return new SakeCreateResult(SakeChangeOutcome.Done, checked((int)id));
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SakeChangeOutcome> UpdateRecordAsync(int gameId, string tableId, int recordId, uint ownerId,
        IReadOnlyList<SakeField> changes, SakeTableLayout layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tableId);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(layout);
        var now = UnixMilliseconds.From(time.GetUtcNow());
        return await database.WriteAsync(async transaction =>
        {
            var connection = transaction.Connection!;
            var row = await connection.QuerySingleOrDefaultAsync<OwnerAndFields>(database.Command(
                "SELECT owner_id, fields FROM sake_records WHERE record_id = @RecordId AND game_id = @GameId AND table_id = @TableId" + ForUpdate,
                new { RecordId = recordId, GameId = gameId, TableId = tableId }, transaction, cancellationToken)).ConfigureAwait(false);
            if (row is null)
            {
                return SakeChangeOutcome.RecordNotFound;
            }
            if (row.OwnerId != ownerId)
            {
                return SakeChangeOutcome.NotOwned;
            }
            var fields = SakeFieldsJson.Read(row.Fields);
            foreach (var change in changes)
            {
                fields[change.Name] = change.Value;
            }
            var slots = Slots(fields, layout);
            await connection.ExecuteAsync(database.Command(
                $"UPDATE sake_records SET fields = {FieldsParameter}, k0 = @K0, k1 = @K1, k2 = @K2, k3 = @K3, updated_ms = @Now WHERE record_id = @RecordId",
                new { Fields = SakeFieldsJson.Write(fields), K0 = slots[0], K1 = slots[1], K2 = slots[2], K3 = slots[3], Now = now, RecordId = recordId },
                transaction, cancellationToken)).ConfigureAwait(false);
            return SakeChangeOutcome.Done;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SakeChangeOutcome> DeleteRecordAsync(int gameId, string tableId, int recordId, uint ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tableId);
        return await database.WriteAsync(async transaction =>
        {
            var connection = transaction.Connection!;
            var owner = await connection.QuerySingleOrDefaultAsync<long?>(database.Command(
                "SELECT owner_id FROM sake_records WHERE record_id = @RecordId AND game_id = @GameId AND table_id = @TableId" + ForUpdate,
                new { RecordId = recordId, GameId = gameId, TableId = tableId }, transaction, cancellationToken)).ConfigureAwait(false);
            if (owner is null)
            {
                return SakeChangeOutcome.RecordNotFound;
            }
            if (owner != ownerId)
            {
                return SakeChangeOutcome.NotOwned;
            }
            await connection.ExecuteAsync(database.Command(
                "DELETE FROM sake_records WHERE record_id = @RecordId", new { RecordId = recordId }, transaction, cancellationToken)).ConfigureAwait(false);
            return SakeChangeOutcome.Done;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SakeRecordPage> SearchAsync(SakeRecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!TryBuildSearch(query, out var sql, out var parameters, out var problem))
        {
            return SakeRecordPage.Refused(problem.Result, problem.Message);
        }
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<RecordRow>(
            database.Command(sql, parameters, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        var records = new List<SakeStoredRecord>();
        foreach (var row in rows)
        {
            records.Add(new SakeStoredRecord(checked((int)row.RecordId), (uint)row.OwnerId, SakeFieldsJson.Read(row.Fields),
                (int)row.NumRatings, row.SumRatings, row.MyRating is { } mine ? (int)mine : null));
        }
        return new SakeRecordPage(SakeResult.Success, null, records);
    }

    /// <summary>The statement a search runs (also used by the query-plan tests that check the indexes apply).</summary>
    internal bool TryBuildSearch(SakeRecordQuery query, out string sql, out DynamicParameters parameters, out QueryProblem problem)
    {
        var statement = new QueryBuilder(this, query);
        parameters = statement.Parameters;
        sql = "";
        if (!statement.TryBuildWhere(out var where, out problem) || !statement.TryBuildOrder(out var order, out problem))
        {
            return false;
        }
        var myRating = query.Rater is null
            ? "NULL"
            : "(SELECT x.rating FROM sake_ratings x WHERE x.record_id = r.record_id AND x.rater_id = @Rater)";
        if (query.Rater is { } rater)
        {
            parameters.Add("Rater", (long)rater);
        }
        parameters.Add("Max", Math.Max(0, query.Max));
        parameters.Add("Offset", Math.Max(0, query.Offset));
        sql = $"SELECT r.record_id, r.owner_id, r.fields, r.num_ratings, r.sum_ratings, {myRating} AS my_rating " +
              $"FROM sake_records r WHERE {where} ORDER BY {order} LIMIT @Max OFFSET @Offset";
        return true;
    }

    public async Task<SakeRecordCount> CountAsync(SakeRecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statement = new QueryBuilder(this, query);
        if (!statement.TryBuildWhere(out var where, out var error))
        {
            return new SakeRecordCount(error.Result, error.Message, 0);
        }
        var count = await database.WithConnectionAsync(connection => connection.ExecuteScalarAsync<long>(
            database.Command($"SELECT count(*) FROM sake_records r WHERE {where}", statement.Parameters, null, cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return new SakeRecordCount(SakeResult.Success, null, count);
    }

    public Task<int> CountOwnedAsync(int gameId, string tableId, uint ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tableId);
        return database.WithConnectionAsync(async connection => (int)await connection.ExecuteScalarAsync<long>(database.Command(
            "SELECT count(*) FROM sake_records WHERE game_id = @GameId AND owner_id = @OwnerId AND table_id = @TableId",
            new { GameId = gameId, OwnerId = (long)ownerId, TableId = tableId }, null, cancellationToken)).ConfigureAwait(false), cancellationToken);
    }

    public async Task<SakeRateResult> RateAsync(int gameId, string tableId, int recordId, uint raterId, byte rating, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tableId);
        var now = UnixMilliseconds.From(time.GetUtcNow());
        return await database.WriteAsync(async transaction =>
        {
            var connection = transaction.Connection!;
            var exists = await connection.ExecuteScalarAsync<long?>(database.Command(
                "SELECT record_id FROM sake_records WHERE record_id = @RecordId AND game_id = @GameId AND table_id = @TableId" + ForUpdate,
                new { RecordId = recordId, GameId = gameId, TableId = tableId }, transaction, cancellationToken)).ConfigureAwait(false);
            if (exists is null)
            {
                return new SakeRateResult(SakeChangeOutcome.RecordNotFound, 0, 0);
            }
            var inserted = await connection.ExecuteAsync(database.Command(
                "INSERT INTO sake_ratings (record_id, rater_id, rating, rated_ms) VALUES (@RecordId, @RaterId, @Rating, @Now) ON CONFLICT DO NOTHING",
                new { RecordId = recordId, RaterId = (long)raterId, Rating = (int)rating, Now = now }, transaction, cancellationToken)).ConfigureAwait(false);
            if (inserted == 0)
            {
                return new SakeRateResult(SakeChangeOutcome.AlreadyRated, 0, 0);
            }
            var totals = await connection.QuerySingleAsync<Totals>(database.Command(
                "UPDATE sake_records SET num_ratings = num_ratings + 1, sum_ratings = sum_ratings + @Rating WHERE record_id = @RecordId " +
                "RETURNING num_ratings, sum_ratings",
                new { RecordId = recordId, Rating = (int)rating }, transaction, cancellationToken)).ConfigureAwait(false);
            var average = totals.NumRatings == 0 ? 0f : (float)((double)totals.SumRatings / totals.NumRatings);
            return new SakeRateResult(SakeChangeOutcome.Done, (int)totals.NumRatings, average);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> AddFileAsync(SakeNewFile file, int maxFilesPerOwner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var now = UnixMilliseconds.From(time.GetUtcNow());
        return await database.WriteAsync(async transaction =>
        {
            var connection = transaction.Connection!;
            await LockOwnerAsync(transaction, file.OwnerId, cancellationToken).ConfigureAwait(false);
            var owned = await connection.ExecuteScalarAsync<long>(database.Command(
                "SELECT count(*) FROM sake_files WHERE game_id = @GameId AND owner_id = @OwnerId AND kind = @Kind",
                new { file.GameId, OwnerId = (long)file.OwnerId, Kind = (int)file.Kind }, transaction, cancellationToken)).ConfigureAwait(false);
            if (owned >= maxFilesPerOwner)
            {
                return 0;
            }
            return checked((int)await InsertFileAsync(database, transaction, file, now, cancellationToken).ConfigureAwait(false));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts a file row inside the caller's transaction (also used by the RACE store for ghosts).</summary>
    internal static Task<long> InsertFileAsync(StoreDatabase database, DbTransaction transaction, SakeNewFile file, long nowMs, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<long>(database.Command(
            "INSERT INTO sake_files (game_id, owner_id, kind, size, content, created_ms) VALUES (@GameId, @OwnerId, @Kind, @Size, @Content, @Now) RETURNING file_id",
            new { file.GameId, OwnerId = (long)file.OwnerId, Kind = (int)file.Kind, Size = (long)file.Content.Length, file.Content, Now = nowMs },
            transaction, cancellationToken));

    public async Task<SakeStoredFile?> DownloadFileAsync(int fileId, CancellationToken cancellationToken = default)
    {
        var row = await database.WriteAsync(transaction => transaction.Connection!.QuerySingleOrDefaultAsync<FileRow>(database.Command(
            "UPDATE sake_files SET downloads = downloads + 1 WHERE file_id = @FileId " +
            "RETURNING file_id, game_id, owner_id, kind, content, downloads, created_ms",
            new { FileId = fileId }, transaction, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new SakeStoredFile(checked((int)row.FileId), (int)row.GameId, (uint)row.OwnerId, (SakeFileKind)row.Kind, row.Content,
                row.Downloads, UnixMilliseconds.ToTime(row.CreatedMs));
    }

    private Task LockOwnerAsync(DbTransaction transaction, uint ownerId, CancellationToken cancellationToken) =>
        IsPostgres
            ? transaction.Connection!.ExecuteAsync(database.Command(
                "SELECT pg_advisory_xact_lock(@Key)", new { Key = OwnerLockPrefix | ownerId }, transaction, cancellationToken))
            : Task.CompletedTask; // BEGIN IMMEDIATE already holds the only write lock

    /// <summary>The k0..k3 values: each indexed integer field's value, 0 when absent (the filter's missing-field rule).</summary>
    private static long[] Slots(IReadOnlyDictionary<string, SakeValue> fields, SakeTableLayout layout)
    {
        var slots = new long[SakeTableLayout.MaxIndexedFields];
        for (var i = 0; i < layout.IndexedFields.Count && i < slots.Length; i++)
        {
            if (fields.TryGetValue(layout.IndexedFields[i], out var value) && SakeFieldTypes.IsInteger(value.Type))
            {
                slots[i] = value.GetInteger();
            }
        }
        return slots;
    }

    /// <summary>Builds the WHERE and ORDER BY of one read; every client value ends up in <see cref="Parameters"/>.</summary>
    private sealed class QueryBuilder
    {
        private readonly SqlSakeStore _store;
        private readonly SakeRecordQuery _query;
        private readonly SakeSqlParameters _filterParameters = new("@p");
        private readonly SakeSqlSchema _schema;

        public QueryBuilder(SqlSakeStore store, SakeRecordQuery query)
        {
            _store = store;
            _query = query;
            var layout = query.Layout;
            Func<string, string> fieldValue = FieldValue;
            Func<string, string?> indexed = name => name switch
            {
                SakeReservedFields.NumRatings => "num_ratings",
                SakeReservedFields.SumRatings => "sum_ratings",
                _ => layout.ColumnOf(name),
            };
            _schema = (store.IsPostgres ? SakeSqlSchema.PostgreSql(fieldValue) : SakeSqlSchema.Sqlite(fieldValue)) with
            {
                IndexedIntegerColumn = indexed,
            };
            Parameters.Add("GameId", query.GameId);
            Parameters.Add("TableId", query.TableId);
        }

        public DynamicParameters Parameters { get; } = new();

        public bool TryBuildWhere(out string where, out QueryProblem error)
        {
            var conditions = new List<string> { "r.game_id = @GameId", "r.table_id = @TableId" };
            if (_query.OwnerIds.Count > 0)
            {
                Parameters.Add("OwnerIds", _query.OwnerIds.Select(id => (long)id).ToArray());
                conditions.Add(_store.Database.InList("r.owner_id", "OwnerIds"));
            }
            if (_query.RecordIds.Count > 0)
            {
                Parameters.Add("RecordIds", _query.RecordIds.Select(id => (long)id).ToArray());
                conditions.Add(_store.Database.InList("r.record_id", "RecordIds"));
            }
            if (_query.Filter is { } filter)
            {
                if (!SakeFilterSql.TryTranslateFilter(filter, _schema, _filterParameters, out var condition, out var problem))
                {
                    where = "";
                    error = new QueryProblem(SakeResult.FilterInvalid, problem);
                    return false;
                }
                conditions.Add(condition);
            }
            AddFilterParameters();
            where = string.Join(" AND ", conditions);
            error = default;
            return true;
        }

        public bool TryBuildOrder(out string order, out QueryProblem error)
        {
            error = default;
            if (_query.Random)
            {
                order = "RANDOM()";
                return true;
            }
            var before = _filterParameters.Items.Count;
            if (!SakeFilterSql.TryTranslateSort(_query.Sort, _schema, _filterParameters, _query.FieldTypeOf, out var sql, out var problem))
            {
                order = "";
                error = new QueryProblem(SakeResult.SortInvalid, problem);
                return false;
            }
            for (var i = before; i < _filterParameters.Items.Count; i++)
            {
                AddParameter(_filterParameters.Items[i]);
            }
            // Ties and unsorted reads come back in record order, so paging with offset is stable. The tie-break
            // runs in the direction of the last key, so one index scan (SQLite indexes end with the row id) can
            // deliver the whole order without a sort.
            order = sql.Length == 0
                ? "r.record_id"
                : sql + ", r.record_id" + (_query.Sort[^1].Descending ? " DESC" : "");
            return true;
        }

        private int _added;

        private void AddFilterParameters()
        {
            for (; _added < _filterParameters.Items.Count; _added++)
            {
                AddParameter(_filterParameters.Items[_added]);
            }
        }

        private void AddParameter(SakeSqlParameter parameter) => Parameters.Add(parameter.Name[1..], parameter.Value);

        // The translator passes the placeholder of a parameter holding the field name; the rating average is not in
        // the JSON (clients cannot write it), so it falls back to the computed value.
        private string FieldValue(string placeholder)
        {
            string? name = null;
            foreach (var item in _filterParameters.Items)
            {
                if (item.Name == placeholder)
                {
                    name = item.Value as string;
                }
            }
            var lookup = _store.IsPostgres
                ? $"(r.fields -> {placeholder} ->> 1)"
                : $"json_extract(r.fields, '$.\"' || {placeholder} || '\"[1]')";
            if (name == SakeReservedFields.AverageRating)
            {
                var average = _store.IsPostgres
                    ? "CAST(CASE WHEN r.num_ratings = 0 THEN 0 ELSE r.sum_ratings::float8 / r.num_ratings END AS TEXT)"
                    : "CAST(CASE WHEN r.num_ratings = 0 THEN 0.0 ELSE CAST(r.sum_ratings AS REAL) / r.num_ratings END AS TEXT)";
                return $"COALESCE({lookup}, {average})";
            }
            return lookup;
        }
    }

    internal readonly record struct QueryProblem(SakeResult Result, string Message);

    private sealed class OwnedCounts
    {
        public long InGame { get; set; }
        public long InTable { get; set; }
    }

    private sealed class OwnerAndFields
    {
        public long OwnerId { get; set; }
        public string Fields { get; set; } = "";
    }

    private sealed class Totals
    {
        public long NumRatings { get; set; }
        public long SumRatings { get; set; }
    }

    private sealed class RecordRow
    {
        public long RecordId { get; set; }
        public long OwnerId { get; set; }
        public string Fields { get; set; } = "";
        public long NumRatings { get; set; }
        public long SumRatings { get; set; }
        public long? MyRating { get; set; }
    }

    private sealed class FileRow
    {
        public long FileId { get; set; }
        public long GameId { get; set; }
        public long OwnerId { get; set; }
        public long Kind { get; set; }
        public byte[] Content { get; set; } = [];
        public long Downloads { get; set; }
        public long CreatedMs { get; set; }
    }
}
