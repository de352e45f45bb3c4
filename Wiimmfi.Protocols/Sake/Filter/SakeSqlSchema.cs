namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>
/// How a filter's names and casts are spelled in the storage engineer's SQL: the records table's
/// metadata columns, how to read one field's value, and the dialect's casts. Templates use
/// <c>{0}</c> (and <c>{1}</c>, <c>{2}</c>) for already-translated operands.
/// </summary>
/// <remarks>
/// <see cref="FieldValue"/> receives the placeholder of a parameter holding the field name and must
/// return an SQL expression giving the field's stored wire text for the current record, or NULL when
/// the record has no such field — e.g. a correlated subquery over a fields table, or a JSON lookup.
/// The field name is always passed as a parameter, so it never reaches the SQL text.
/// </remarks>
public sealed record SakeSqlSchema
{
    /// <summary>Expression yielding a field's text (or NULL) given the placeholder of its name.</summary>
    public required Func<string, string> FieldValue { get; init; }

    /// <summary>
    /// Optional: for a field name, an integer column that holds that field's value for every record of the
    /// table (0 when the record lacks the field), or null for fields without one. Such fields are compared and
    /// sorted on the column directly, so the database can use an index on it; others go through
    /// <see cref="FieldValue"/>. Only integer-typed fields may have one (the column's text form must equal the
    /// stored wire text).
    /// </summary>
    public Func<string, string?>? IndexedIntegerColumn { get; init; }

    /// <summary>Column of the record id (integer).</summary>
    public string RecordIdColumn { get; init; } = "record_id";

    /// <summary>Column of the owner's profile id (integer).</summary>
    public string OwnerIdColumn { get; init; } = "owner_id";

    /// <summary>Column of the game id (integer).</summary>
    public string GameIdColumn { get; init; } = "game_id";

    /// <summary>Column of the table name (text).</summary>
    public string TableIdColumn { get; init; } = "table_id";

    /// <summary>Text → 64-bit integer; must not fail on non-numeric text (yield 0 instead).</summary>
    public string IntegerCast { get; init; } = "CAST({0} AS INTEGER)";

    /// <summary>Text → floating point for sorting float fields; must not fail on bad text.</summary>
    public string RealCast { get; init; } = "CAST({0} AS REAL)";

    /// <summary>Integer → text.</summary>
    public string TextCast { get; init; } = "CAST({0} AS TEXT)";

    /// <summary>SQL substring with 1-based start: text, start, length.</summary>
    public string Substring { get; init; } = "SUBSTR({0}, {1}, {2})";

    /// <summary>SQLite spelling (CAST never fails there: non-numeric text becomes 0).</summary>
    public static SakeSqlSchema Sqlite(Func<string, string> fieldValue) => new() { FieldValue = fieldValue };

    /// <summary>
    /// PostgreSQL spelling. PostgreSQL's casts raise an error on non-numeric text, so they are
    /// guarded by a pattern test (at most 18 digits: always fits in a bigint); SUBSTR wants int4
    /// arguments.
    /// </summary>
    public static SakeSqlSchema PostgreSql(Func<string, string> fieldValue) => new()
    {
        FieldValue = fieldValue,
        IntegerCast = "(CASE WHEN ({0})::text ~ '^-?[0-9]{{1,18}}$' THEN CAST({0} AS BIGINT) ELSE 0 END)",
        RealCast = "(CASE WHEN ({0})::text ~ '^-?[0-9]{{1,30}}(\\.[0-9]{{1,30}})?$' THEN CAST({0} AS DOUBLE PRECISION) ELSE 0 END)",
        Substring = "SUBSTR({0}, CAST({1} AS INTEGER), CAST({2} AS INTEGER))",
    };
}
