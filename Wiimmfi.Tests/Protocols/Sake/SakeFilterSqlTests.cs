using Microsoft.Data.Sqlite;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Filter;

namespace Wiimmfi.Tests.Protocols.Sake;

/// <summary>
/// Runs translated filters against a real (in-memory) SQLite database holding records in a
/// records table plus a name/value fields table.
/// </summary>
public sealed class SakeFilterSqlTests : IDisposable
{
    private static readonly SakeSqlSchema Schema = SakeSqlSchema.Sqlite(
        name => $"(SELECT f.value FROM sake_fields f WHERE f.record_id = r.record_id AND f.name = {name})") with
    {
        RecordIdColumn = "r.record_id",
        OwnerIdColumn = "r.owner_id",
        GameIdColumn = "r.game_id",
        TableIdColumn = "r.table_id",
    };

    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SakeFilterSqlTests()
    {
        _connection.Open();
        Execute("""
            CREATE TABLE sake_records(record_id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL, game_id INTEGER NOT NULL, table_id TEXT NOT NULL);
            CREATE TABLE sake_fields(record_id INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL);
            """);
        // MKW ghosts: course, time (ms), region.
        Record(1, 100, 1687, "GhostData", ("course", "12"), ("time", "190"), ("region", "2"));
        Record(2, 101, 1687, "GhostData", ("course", "12"), ("time", "1000"), ("region", "3"));
        Record(3, 102, 1687, "GhostData", ("course", "3"), ("time", "90"), ("region", "2"));
        Record(4, 1, 1687, "FriendInfo", ("info", "AAECAw=="), ("name", "Mario"));
        Record(5, 103, 1687, "GhostData", ("course", "12"), ("time", "100"), ("region", "2"));
        Record(6, 104, 1234, "userinfo", ("wiiid", "8880667695734424"), ("country", "33xy"), ("flags", "4"),
            ("uniqueid", "7ACeoVFlNDUwNTAxGRkCCv///////////////////////////////w=="));
        Record(7, 105, 1234, "userinfo", ("wiiid", "8880667695734424"), ("num_ratings", "2"), ("country", "01xy"), ("name", "' or 1=1 --"));
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Record(long id, long owner, long game, string table, params (string Name, string Value)[] fields)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO sake_records VALUES ($id, $owner, $game, $table)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$game", game);
        command.Parameters.AddWithValue("$table", table);
        command.ExecuteNonQuery();
        foreach (var (name, value) in fields)
        {
            using var field = _connection.CreateCommand();
            field.CommandText = "INSERT INTO sake_fields VALUES ($id, $name, $value)";
            field.Parameters.AddWithValue("$id", id);
            field.Parameters.AddWithValue("$name", name);
            field.Parameters.AddWithValue("$value", value);
            field.ExecuteNonQuery();
        }
    }

    private (string Where, SakeSqlParameters Parameters) Translate(string filter)
    {
        var parsed = SakeFilterParser.Parse(filter);
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        var parameters = new SakeSqlParameters();
        Assert.True(SakeFilterSql.TryTranslateFilter(parsed.Filter, Schema, parameters, out var where, out var error), error);
        return (where, parameters);
    }

    private long[] Select(string filter, string? sort = null, Func<string, SakeFieldType?>? fieldTypes = null)
    {
        var (where, parameters) = Translate(filter);
        var orderBy = "r.record_id ASC";
        if (sort is not null)
        {
            var keys = SakeSortParser.Parse(sort);
            Assert.True(keys.IsValid);
            Assert.True(SakeFilterSql.TryTranslateSort(keys.Keys, Schema, parameters, fieldTypes, out var order, out var error), error);
            orderBy = order;
        }
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT r.record_id FROM sake_records r WHERE {where} ORDER BY {orderBy}";
        foreach (var parameter in parameters.Items)
        {
            command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        }
        var ids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids.ToArray();
    }

    [Fact]
    public void Mkw_rival_ghost_search_finds_the_course_times_below_the_limit()
    {
        Assert.Equal([1, 5], Select("course = 12 and gameid = 1687 and time < 195"));
    }

    [Fact]
    public void Regional_ghost_search_matches_field_text()
    {
        Assert.Equal([3], Select("course = 3 and gameid = 1687 and region = 2"));
    }

    [Fact]
    public void Owner_filter_uses_the_owner_column()
    {
        Assert.Equal([4], Select("ownerid = 1"));
        Assert.Equal([4], Select("tableid = 'FriendInfo'"));
        Assert.Equal([2], Select("recordid = 2"));
    }

    [Fact]
    public void Missing_field_reads_as_zero()
    {
        // Record 6 has no num_ratings; record 7 has 2 (Check Mii Out Channel's filter).
        Assert.Equal([6], Select("wiiid = 8880667695734424 and num_ratings = 0"));
    }

    [Fact]
    public void String_literal_compares_with_the_stored_text()
    {
        Assert.Equal([6], Select("uniqueid = '7ACeoVFlNDUwNTAxGRkCCv///////////////////////////////w=='"));
    }

    [Fact]
    public void Substring_and_bitwise_and_work_on_numbers_in_text()
    {
        // "33" & 32 = 32 > 0; "01" & 32 = 0.
        Assert.Equal([6], Select("SUBSTRING(country, 1, 2) & 32 > 0"));
        Assert.Equal([6, 7], Select("SUBSTRING(country, 5, 1) & 32 = 0 and gameid = 1234"));
    }

    [Fact]
    public void Exclusive_or_and_arithmetic_are_64_bit_integer_operations()
    {
        Assert.Equal([6], Select("flags ^ 5 = 1"));
        Assert.Equal([6], Select("flags + 1 - 2 = 3 and flags | 1 = 5"));
        Assert.Equal([1, 2, 3, 4, 5], Select("gameid - 1687 = 0"));
    }

    [Fact]
    public void Like_matches_text_patterns()
    {
        Assert.Equal([4], Select("name like 'Mar%'"));
    }

    [Fact]
    public void Integer_used_as_a_condition_means_not_zero()
    {
        Assert.Equal([6], Select("flags and gameid = 1234"));
    }

    [Theory]
    [InlineData("name = ''' or 1=1 --'")]
    [InlineData("name = '''; DROP TABLE sake_records; --'")]
    [InlineData("name = \"' or 1=1 --\"")]
    [InlineData("name = '\" or \"\"=\"'")]
    public void Injection_attempt_is_only_ever_a_string_parameter(string filter)
    {
        var (where, parameters) = Translate(filter);

        Assert.DoesNotContain("1=1", where);
        Assert.DoesNotContain("DROP", where);
        Assert.DoesNotContain("--", where);
        Assert.Contains(parameters.Items, p => p.Value is string s && (s.Contains("or") || s.Contains("DROP")));
        Select(filter);
        // The tables survive and hold all their rows.
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], Select("recordid > 0"));
    }

    [Fact]
    public void Stored_injection_text_is_found_as_plain_data()
    {
        Assert.Equal([7], Select("name = ''' or 1=1 --'"));
    }

    [Fact]
    public void Sql_keywords_as_field_names_become_parameters()
    {
        var (where, parameters) = Translate("gameid = 1687 and (test = 'aaa' or (DROP = 100000) and ((((UPDATE != 4))))) or (1 = 2 + 7  &   SELECT - 9)");

        Assert.DoesNotContain("DROP", where);
        Assert.DoesNotContain("UPDATE", where);
        Assert.DoesNotContain("SELECT -", where);
        Assert.Contains(parameters.Items, p => Equals(p.Value, "DROP"));
        Assert.Contains(parameters.Items, p => Equals(p.Value, "SELECT"));
    }

    [Fact]
    public void Unquoted_injection_does_not_even_parse()
    {
        Assert.False(SakeFilterParser.Parse("name = '' or 1=1 --'").IsValid);
        Assert.False(SakeFilterParser.Parse("1=1; DROP TABLE sake_records").IsValid);
    }

    [Theory]
    [InlineData("a * 2 = 4", "not supported")]
    [InlineData("a / 2 = 4", "not supported")]
    [InlineData("a % 2 = 1", "not supported")]
    [InlineData("LOWER(a) = 'x'", "not supported")]
    [InlineData("SUBSTRING(a, 1) = 'x'", "SUBSTRING takes")]
    [InlineData("(a = 1) = 1", "condition")]
    [InlineData("(a = 1) + 1 > 0", "condition")]
    public void Unsupported_filter_is_refused_at_translation(string filter, string reason)
    {
        var parsed = SakeFilterParser.Parse(filter);
        Assert.True(parsed.IsValid);

        Assert.False(SakeFilterSql.TryTranslateFilter(parsed.Filter, Schema, new SakeSqlParameters(), out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Integer_fields_sort_numerically_and_text_fields_lexically()
    {
        SakeFieldType? Types(string name) => name switch { "time" => SakeFieldType.Int, "course" => SakeFieldType.Int, _ => null };

        Assert.Equal([2, 1, 5], Select("course = 12", "time desc", Types));
        Assert.Equal([5, 1, 2], Select("course = 12", "time", Types));
        Assert.Equal([5, 2, 1], Select("course = 12", "time asc")); // text: "100" < "1000" < "190"
        Assert.Equal([5, 2, 1], Select("course = 12", "recordid desc"));
    }

    [Fact]
    public void Sorting_by_a_field_the_table_does_not_have_is_refused()
    {
        var keys = SakeSortParser.Parse("bogus desc").Keys!;

        Assert.False(SakeFilterSql.TryTranslateSort(keys, Schema, new SakeSqlParameters(), _ => null, out _, out var error));
        Assert.Contains("bogus", error);
    }

    [Fact]
    public void Filter_and_sort_share_one_parameter_numbering()
    {
        var parameters = new SakeSqlParameters("$q", 10);
        SakeFilterSql.TryTranslateFilter(SakeFilterParser.Parse("course = 12").Filter!, Schema, parameters, out var where, out _);
        SakeFilterSql.TryTranslateSort(SakeSortParser.Parse("time").Keys!, Schema, parameters, null, out var order, out _);

        Assert.Equal(["$q10", "$q11", "$q12"], parameters.Items.Select(p => p.Name));
        Assert.Equal(["course", "12", "time"], parameters.Items.Select(p => p.Value));
        Assert.Contains("$q12", order);
        Assert.Contains("f.name = $q10)", where);
    }

    [Fact]
    public void Postgresql_casts_are_guarded_against_non_numeric_text()
    {
        var schema = SakeSqlSchema.PostgreSql(name => $"(fields->>{name})");
        var parameters = new SakeSqlParameters();

        Assert.True(SakeFilterSql.TryTranslateFilter(SakeFilterParser.Parse("time < 195 and SUBSTRING(c, 1, 2) = 'ab'").Filter!, schema, parameters, out var where, out _));

        Assert.Equal(
            "((CASE WHEN (COALESCE((fields->>@p0), '0'))::text ~ '^-?[0-9]{1,18}$' THEN CAST(COALESCE((fields->>@p0), '0') AS BIGINT) ELSE 0 END) < @p1)" +
            " AND (SUBSTR(COALESCE((fields->>@p2), '0'), CAST(@p3 AS INTEGER), CAST(@p4 AS INTEGER)) = @p5))",
            where[1..]);
    }
}
