using Wiimmfi.Protocols.Sake.Filter;

namespace Wiimmfi.Tests.Protocols.Sake;

public class SakeFilterParserTests
{
    private static string Tree(string filter)
    {
        var result = SakeFilterParser.Parse(filter);
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Filter.ToString()!;
    }

    private static SakeFilterError Refused(string filter, SakeFilterLimits? limits = null)
    {
        var result = SakeFilterParser.Parse(filter, limits);
        Assert.False(result.IsValid);
        return result.Error;
    }

    [Theory]
    // Filters seen in the references (sake.md §7).
    [InlineData("ownerid = 1", "(ownerid = 1)")]
    [InlineData("course = 12 and gameid = 1687 and time < 195", "(((course = 12) and (gameid = 1687)) and (time < 195))")]
    [InlineData("course = 3 and gameid = 1687 and region = 2", "(((course = 3) and (gameid = 1687)) and (region = 2))")]
    [InlineData("wiiid = 8880667695734424 and num_ratings = 0", "((wiiid = 8880667695734424) and (num_ratings = 0))")]
    [InlineData("SUBSTRING(country, 5, 1) & 32 > 0", "((SUBSTRING(country, 5, 1) & 32) > 0)")]
    [InlineData("uniqueid = '7ACeoVFlNDUwNTAxGRkCCv///////////////////////////////w=='",
        "(uniqueid = '7ACeoVFlNDUwNTAxGRkCCv///////////////////////////////w==')")]
    public void Filters_from_real_games_parse_with_sql_precedence(string filter, string tree)
    {
        Assert.Equal(tree, Tree(filter));
    }

    [Theory]
    [InlineData("a = 1 or b = 2 and c = 3", "((a = 1) or ((b = 2) and (c = 3)))")]
    [InlineData("a + 2 * 3 = 7", "((a + (2 * 3)) = 7)")]
    [InlineData("a - 1 = -1", "((a - 1) = -1)")]
    [InlineData("a-1=-1", "((a - 1) = -1)")]
    [InlineData("-5 < a", "(-5 < a)")]
    [InlineData("(a = 1 or b = 2) and c = 3", "(((a = 1) or (b = 2)) and (c = 3))")]
    [InlineData("A = 1 AND b = 2 Or c = 3", "(((A = 1) and (b = 2)) or (c = 3))")]
    [InlineData("a == 1 && b <> 2 || c != 3", "(((a = 1) and (b != 2)) or (c != 3))")]
    [InlineData("andy = 1 and orchid = 2", "((andy = 1) and (orchid = 2))")]
    [InlineData("name like 'Mar%'", "(name like 'Mar%')")]
    [InlineData("a = \"double quoted\"", "(a = 'double quoted')")]
    [InlineData("a = 'it''s'", "(a = 'it''s')")]
    [InlineData("\ta\t=\r\n1 ", "(a = 1)")]
    [InlineData("x ^ 5 | 2 & 1 >= 0", "((((x ^ 5) | 2) & 1) >= 0)")]
    public void Operators_bind_and_associate_as_specified(string filter, string tree)
    {
        Assert.Equal(tree, Tree(filter));
    }

    [Fact]
    public void Wiilinks_made_up_complex_filter_parses()
    {
        Assert.Equal(
            "(((gameid = 1687) and ((test = 'aaa') or ((DROP = 100000) and (UPDATE != 4)))) or (1 = (((2 + 7) & SELECT) - 9)))",
            Tree("gameid = 1687 and (test = 'aaa' or (DROP = 100000) and ((((UPDATE != 4))))) or (1 = 2 + 7  &   SELECT - 9)"));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("course =", 8)]
    [InlineData("= 1", 0)]
    [InlineData("(a = 1", 6)]
    [InlineData("a = 1)", 5)]
    [InlineData("a = 1 2", 6)]
    [InlineData("a = 'unterminated", 4)]
    [InlineData("a = 1.5", 5)]
    [InlineData("a = .5", 4)]
    [InlineData("a = 12abc", 6)]
    [InlineData("a = 99999999999999999999", 4)]
    [InlineData("a = 1; DROP TABLE x", 5)]
    [InlineData("a = #", 4)]
    [InlineData("SUBSTRING(a, 1", 14)]
    [InlineData("f(,)", 2)]
    [InlineData("a = é", 4)]
    public void Malformed_filter_is_refused_with_the_position(string filter, int position)
    {
        Assert.Equal(position, Refused(filter).Position);
    }

    [Fact]
    public void Overlong_filter_is_refused()
    {
        Assert.Contains("longer than 20", Refused("a = 1 and b = 2 and c = 3", new SakeFilterLimits { MaxLength = 20 }).Message);
    }

    [Fact]
    public void Filter_with_too_many_tokens_is_refused()
    {
        var filter = string.Join(" or ", Enumerable.Range(0, 100).Select(i => $"a = {i}"));

        Assert.Contains("tokens", Refused(filter).Message);
    }

    [Fact]
    public void Deeply_nested_filter_is_refused_without_exhausting_the_stack()
    {
        var filter = new string('(', 200) + "a = 1" + new string(')', 200);

        Assert.Contains("Nested deeper", Refused(filter, new SakeFilterLimits { MaxTokens = 1000 }).Message);
    }

    [Fact]
    public void Overlong_identifier_is_refused()
    {
        Assert.Contains("Identifier", Refused(new string('a', 65) + " = 1").Message);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("time", "time asc")]
    [InlineData("time desc", "time desc")]
    [InlineData("time DESC, recordid ASC", "time desc,recordid asc")]
    [InlineData(" score desc , name ", "score desc,name asc")]
    public void Sort_lists_parse(string? sort, string expected)
    {
        var result = SakeSortParser.Parse(sort);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(expected, string.Join(',', result.Keys.Select(k => $"{k.Field} {(k.Descending ? "desc" : "asc")}")));
    }

    [Theory]
    [InlineData("time descending")]
    [InlineData("time,")]
    [InlineData(", time")]
    [InlineData("time; DROP TABLE x")]
    [InlineData("'time'")]
    [InlineData("time desc desc")]
    [InlineData("a,b,c,d,e,f,g,h,i")]
    public void Malformed_sort_is_refused(string sort)
    {
        Assert.False(SakeSortParser.Parse(sort).IsValid);
    }

    [Fact]
    public void Referenced_fields_exclude_record_metadata()
    {
        var filter = SakeFilterParser.Parse("course = 12 and gameid = 1687 and SUBSTRING(country, 1, 1) = time or ownerid = 2 and course = 1").Filter!;

        Assert.Equal(["course", "country", "time"], SakeFilterFields.Referenced(filter));
    }
}
