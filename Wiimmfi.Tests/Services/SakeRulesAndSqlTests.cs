using Wiimmfi.Host.Modules.Sake;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Filter;

namespace Wiimmfi.Tests.Services;

/// <summary>Table rules as data, and how the filter translation uses a table's indexed columns.</summary>
public sealed class SakeRulesAndSqlTests
{
    [Fact]
    public void The_shipped_rules_are_mario_kart_wiis_tables_and_valid()
    {
        var catalog = SakeTableCatalog.Shipped;
        Assert.Equal(new[] { "FriendInfo", "GhostData", "StoredGhostData" }, catalog.Rules.Select(r => r.TableId).Order());
        Assert.All(catalog.Rules, r => Assert.Empty(r.Problems()));
        var friendInfo = catalog.Find("mariokartwii", "FriendInfo")!;
        Assert.Equal((1, false, SakeValueScrub.MiiAtStart), (friendInfo.LimitPerOwner, friendInfo.Hardened, friendInfo.Fields["info"].ScrubForOthers));
        Assert.Null(catalog.Find("mariokartwii", "friendinfo")); // table names are case-sensitive
    }

    [Fact]
    public void A_rule_that_indexes_an_undeclared_or_non_integer_field_or_declares_a_reserved_name_is_refused()
    {
        var bad = new SakeTableRule("game", "T")
        {
            Fields = new Dictionary<string, SakeFieldRule> { ["name"] = new(SakeFieldType.AsciiString), ["ownerid"] = new(SakeFieldType.Int) },
            IndexedFields = ["name", "missing"],
        };

        Assert.Equal(3, bad.Problems().Count);
        Assert.Throws<ArgumentException>(() => new SakeTableCatalog([bad]));
    }

    [Fact]
    public void An_indexed_integer_field_is_compared_and_sorted_on_its_column_so_an_index_applies()
    {
        var parameters = new SakeSqlParameters();
        var schema = SakeSqlSchema.Sqlite(p => $"json_extract(fields, {p})") with { IndexedIntegerColumn = name => name == "time" ? "k2" : null };
        var filter = SakeFilterParser.Parse("time < 90000 and laps = 3").Filter!;

        Assert.True(SakeFilterSql.TryTranslateFilter(filter, schema, parameters, out var sql, out _));
        Assert.True(SakeFilterSql.TryTranslateSort(SakeSortParser.Parse("time desc").Keys!, schema, parameters, _ => SakeFieldType.Int, out var order, out _));

        Assert.StartsWith("((k2 < @p0) AND", sql);
        Assert.Contains("json_extract(fields, @p1)", sql); // the other field still goes through its value
        Assert.Equal("k2 DESC", order);
        Assert.Equal([90000L, "laps"], parameters.Items.Take(2).Select(p => p.Value));
    }
}
