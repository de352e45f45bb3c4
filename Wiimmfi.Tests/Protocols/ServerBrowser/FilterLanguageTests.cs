using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.ServerBrowser.Filter;

namespace Wiimmfi.Tests.Protocols.ServerBrowser;

public class FilterLanguageTests
{
    private const string MkwFilter =
        "dwc_mver = 90 and dwc_pid != 600000001 and maxplayers = 11 and numplayers < 11 and dwc_mtype = 0 " +
        "and dwc_hoststate = 2 and dwc_suspend = 0 and (rk = 'vs' and ev >= 4250 and ev <= 5750 and p = 0)";

    private static bool Eval(string filter, params string[] keyValues)
    {
        Assert.True(CompiledFilter.TryCompile(filter, out var compiled, out var error), error?.ToString());
        var values = new Dictionary<string, string>();
        for (int i = 0; i < keyValues.Length; i += 2)
            values[keyValues[i]] = keyValues[i + 1];
        return compiled.Matches(values);
    }

    private static FilterError Refused(string filter, FilterLimits? limits = null)
    {
        Assert.False(CompiledFilter.TryCompile(filter, limits ?? FilterLimits.Default, out _, out var error));
        return error;
    }

    [Theory]
    [InlineData("1 + 2 * 3 = 7", true)]
    [InlineData("(1 + 2) * 3 = 9", true)]
    [InlineData("10 - 2 - 3 = 5", true)]        // left-associative
    [InlineData("20 / 2 / 5 = 2", true)]
    [InlineData("7 % 4 = 3", true)]
    [InlineData("1 | 2 = 3", true)]             // bit operators bind tighter than =
    [InlineData("6 & 3 = 2", true)]
    [InlineData("6 ^ 3 = 5", true)]
    [InlineData("-3 + 5 = 2", true)]
    [InlineData("- (2 + 3) = -5", true)]
    [InlineData("1 = 1 or 1 = 2 and 1 = 3", true)]   // AND binds tighter than OR
    [InlineData("(1 = 1 or 1 = 2) and 1 = 3", false)]
    [InlineData("not 1 = 2", true)]                  // NOT applies to the comparison
    [InlineData("not 1 = 1 or 1 = 1", true)]         // (not 1=1) or 1=1
    [InlineData("not (1 = 1 or 1 = 1)", false)]
    [InlineData("1 = 1 && 2 = 2", true)]
    [InlineData("1 = 2 || 2 = 2", true)]
    [InlineData("1 == 1", true)]
    [InlineData("1 <> 2", true)]
    [InlineData("3 >= 3 and 3 <= 3 and 2 < 3 and 4 > 3", true)]
    [InlineData("1 AND 2", true)]
    [InlineData("1 and 0", false)]
    [InlineData("0", false)]
    [InlineData("5", true)]
    public void Precedence_and_operators_follow_the_grammar(string filter, bool expected)
    {
        Assert.Equal(expected, Eval(filter));
    }

    [Fact]
    public void Keywords_are_case_insensitive_and_spaces_are_optional()
    {
        Assert.True(Eval("(20=auth)AND((1&mskdif)=mskdif)Or(x LIKE 'y')", "auth", "20", "mskdif", "1"));
        Assert.True(Eval("a = 1 AnD b = 2", "a", "1", "b", "2"));
    }

    [Fact]
    public void Equality_compares_text_so_numbers_must_be_written_the_same_way()
    {
        Assert.True(Eval("ev = 5", "ev", "5"));
        Assert.False(Eval("ev = 5", "ev", "05"));     // "05" is not "5"
        Assert.True(Eval("ev = '05'", "ev", "05"));
        Assert.True(Eval("rk = 'vs'", "rk", "vs"));
        Assert.False(Eval("rk = 'VS'", "rk", "vs"));  // equality is case-sensitive
        Assert.True(Eval("a = b", "a", "x", "b", "x"));
        Assert.True(Eval("dwc_mresv != dwc_pid", "dwc_mresv", "0", "dwc_pid", "1"));
    }

    [Fact]
    public void Ordered_comparisons_are_numeric()
    {
        Assert.True(Eval("ev >= 4250", "ev", "5000"));
        Assert.True(Eval("ev > 900", "ev", "1000")); // as text "1000" < "900"; numbers compare right
        Assert.True(Eval("900 < ev", "ev", "1000"));
        Assert.True(Eval("ev > -5", "ev", "-4"));
        Assert.True(Eval("ev < '10'", "ev", "9"));
    }

    [Fact]
    public void Missing_key_is_an_empty_string_and_makes_numeric_comparisons_false()
    {
        Assert.False(Eval("p = 0"));
        Assert.True(Eval("p != 0"));
        Assert.True(Eval("p = ''"));
        Assert.False(Eval("p < 1"));
        Assert.False(Eval("p >= 1"));
        Assert.True(Eval("not p < 1"));
    }

    [Fact]
    public void Non_numeric_values_make_numeric_comparisons_false_without_failing_the_query()
    {
        Assert.False(Eval("ev < 10", "ev", "abc"));
        Assert.False(Eval("ev + 1 = 2", "ev", "abc"));
        Assert.False(Eval("ev + 1 != 2", "ev", "abc"));
        Assert.False(Eval("ev", "ev", "abc"));
        Assert.False(Eval("ev < 10", "ev", " 5")); // no whitespace tolerance
    }

    [Fact]
    public void Division_by_zero_and_overflowing_division_are_invalid_not_exceptions()
    {
        Assert.False(Eval("1 / z = 0", "z", "0"));
        Assert.False(Eval("1 % z = 0", "z", "0"));
        Assert.False(Eval("1 / 0 = 0"));
        Assert.False(Eval("m / -1 = 0", "m", long.MinValue.ToString()));
        Assert.False(Eval("m % -1 = 0", "m", long.MinValue.ToString()));
        Assert.True(Eval("m * 2 = 0", "m", long.MinValue.ToString())); // multiplication wraps
    }

    [Theory]
    [InlineData("vs_123", "vs%", true)]
    [InlineData("vs_123", "VS%", true)]       // ASCII case-insensitive
    [InlineData("vs", "vs_%", false)]
    [InlineData("vs_1", "vs__", true)]
    [InlineData("vs_12", "vs__", false)]
    [InlineData("vs_1", "vs\\_1", true)]      // escaped underscore is literal
    [InlineData("vsx1", "vs\\_1", false)]
    [InlineData("100%", "100\\%", true)]
    [InlineData("1000", "100\\%", false)]
    [InlineData("EU", "EU", true)]
    [InlineData("", "%", true)]
    [InlineData("", "_", false)]
    [InlineData("abcabd", "%abd", true)]
    [InlineData("aXbYc", "a%b%c", true)]
    [InlineData("aXbY", "a%b%c", false)]
    public void Like_supports_percent_underscore_and_escapes(string value, string pattern, bool expected)
    {
        Assert.Equal(expected, Eval($"k like '{pattern}'", "k", value));
        Assert.Equal(!expected, Eval($"k not like '{pattern}'", "k", value));
    }

    [Fact]
    public void Like_works_on_numbers_and_dynamic_patterns()
    {
        Assert.True(Eval("zvar LIKE '102'", "zvar", "102"));
        Assert.True(Eval("5 like '5'"));
        Assert.True(Eval("a like b", "a", "xyz", "b", "x%"));
        Assert.True(Eval("((zvar LIKE '102') AND (zmtp LIKE 'EU'))", "zvar", "102", "zmtp", "eu"));
    }

    [Theory]
    [InlineData("a =", FilterErrorKind.UnexpectedEnd)]
    [InlineData("(a = 1", FilterErrorKind.UnexpectedEnd)]
    [InlineData("a = 1)", FilterErrorKind.UnexpectedToken)]
    [InlineData("a = = 1", FilterErrorKind.UnexpectedToken)]
    [InlineData("and a = 1", FilterErrorKind.UnexpectedToken)]
    [InlineData("a = 'unterminated", FilterErrorKind.UnterminatedString)]
    [InlineData("a # 1", FilterErrorKind.UnexpectedCharacter)]
    [InlineData("!a", FilterErrorKind.UnexpectedCharacter)]
    [InlineData("a << 1", FilterErrorKind.UnexpectedToken)]
    [InlineData("a = 99999999999999999999", FilterErrorKind.NumberTooLarge)]
    [InlineData("a b", FilterErrorKind.UnexpectedToken)]
    [InlineData("()", FilterErrorKind.UnexpectedToken)]
    public void Syntax_errors_are_reported_with_kind_and_position(string filter, FilterErrorKind kind)
    {
        var error = Refused(filter);
        Assert.Equal(kind, error.Kind);
        Assert.InRange(error.Position, 0, filter.Length);
        Assert.False(string.IsNullOrEmpty(error.Message));
    }

    [Fact]
    public void Deep_parenthesis_nesting_is_refused()
    {
        int depth = FilterLimits.Default.MaxNesting + 1;
        string filter = new string('(', depth) + "a = 1" + new string(')', depth);
        Assert.Equal(FilterErrorKind.TooDeep, Refused(filter).Kind);
        string justInside = new string('(', depth - 1) + "a = 1" + new string(')', depth - 1);
        Assert.True(CompiledFilter.TryCompile(justInside, out _, out _));
    }

    [Fact]
    public void Deep_not_and_minus_chains_are_refused()
    {
        Assert.Equal(FilterErrorKind.TooDeep, Refused(string.Concat(Enumerable.Repeat("not ", 40)) + "a").Kind);
        Assert.Equal(FilterErrorKind.TooDeep, Refused(string.Concat(Enumerable.Repeat("- ", 40)) + "a").Kind);
    }

    [Fact]
    public void Long_arithmetic_chains_are_refused_by_tree_depth()
    {
        string filter = string.Join(" + ", Enumerable.Repeat("a", 70)) + " = 1";
        Assert.Equal(FilterErrorKind.TooDeep, Refused(filter).Kind);
    }

    [Fact]
    public void Long_and_chains_are_flattened_and_allowed()
    {
        string filter = string.Join(" and ", Enumerable.Range(0, 40).Select(i => $"k{i} = {i}"));
        Assert.True(filter.Length <= 511);
        Assert.True(CompiledFilter.TryCompile(filter, out var compiled, out _));
        var logical = Assert.IsType<FilterLogical>(compiled.Syntax);
        Assert.Equal(40, logical.Terms.Count);
    }

    [Fact]
    public void Long_strings_are_refused()
    {
        string filter = $"rk = '{new string('x', FilterLimits.Default.MaxStringLength + 1)}'";
        Assert.Equal(FilterErrorKind.StringTooLong, Refused(filter).Kind);
        Assert.True(CompiledFilter.TryCompile($"rk = '{new string('x', FilterLimits.Default.MaxStringLength)}'", out _, out _));
    }

    [Fact]
    public void Long_key_names_are_refused()
    {
        Assert.Equal(FilterErrorKind.IdentifierTooLong, Refused(new string('k', 65) + " = 1").Kind);
    }

    [Fact]
    public void Filters_longer_than_the_sdk_limit_are_refused()
    {
        string filter = "a = 1" + new string(' ', 507);
        Assert.Equal(512, filter.Length);
        Assert.Equal(FilterErrorKind.TooLong, Refused(filter).Kind);
    }

    [Fact]
    public void Too_many_tokens_are_refused()
    {
        string filter = string.Join("+", Enumerable.Repeat("1", 200)) + "=1";
        Assert.Equal(FilterErrorKind.TooManyTokens, Refused(filter, FilterLimits.Default with { MaxLength = 4096 }).Kind);
    }

    [Fact]
    public void Blank_filter_compiles_to_an_empty_filter_that_matches_everything()
    {
        Assert.True(CompiledFilter.TryCompile("   ", out var filter, out _));
        Assert.True(filter.IsEmpty);
        Assert.True(filter.Matches(new Dictionary<string, string>()));
        Assert.Empty(filter.Keys);
    }

    [Fact]
    public void Mkw_filter_lists_its_keys_and_the_equalities_an_index_can_use()
    {
        Assert.True(CompiledFilter.TryCompile(MkwFilter, out var filter, out _));
        Assert.Equal(["dwc_mver", "dwc_pid", "maxplayers", "numplayers", "dwc_mtype", "dwc_hoststate", "dwc_suspend", "rk", "ev", "p"], filter.Keys);
        Assert.Equal(
            [new("dwc_mver", "90"), new("maxplayers", "11"), new("dwc_mtype", "0"), new("dwc_hoststate", "2"),
             new("dwc_suspend", "0"), new("rk", "vs"), new("p", "0")],
            filter.RequiredEqualities);
    }

    [Fact]
    public void Or_at_the_top_yields_no_required_equalities()
    {
        Assert.True(CompiledFilter.TryCompile("a = 1 or b = 2", out var filter, out _));
        Assert.Empty(filter.RequiredEqualities);
    }

    private struct ColumnSource(string[] columnValues, int[] columnOfKey) : IFilterValueSource
    {
        public int Lookups;

        public bool TryGetValue(int keyIndex, string keyName, out ReadOnlySpan<char> value)
        {
            Lookups++;
            int column = columnOfKey[keyIndex];
            if (column < 0)
            {
                value = default;
                return false;
            }
            value = columnValues[column];
            return true;
        }
    }

    [Fact]
    public void A_table_can_bind_the_filter_keys_to_its_columns_once_and_evaluate_by_index()
    {
        string[] schema = ["rk", "ev", "dwc_hoststate"];
        Assert.True(CompiledFilter.TryCompile("dwc_hoststate = 2 and rk = 'vs' and ev > 100 and missing = ''", out var filter, out _));
        int[] columnOfKey = filter.Keys.Select(k => Array.IndexOf(schema, k)).ToArray();

        var host = new ColumnSource(["vs", "5000", "2"], columnOfKey);
        Assert.True(filter.Matches(ref host));
        Assert.Equal(4, host.Lookups);

        var other = new ColumnSource(["bt", "5000", "2"], columnOfKey);
        Assert.False(filter.Matches(ref other));
        Assert.Equal(2, other.Lookups); // AND stops at the first false term
    }

    [Fact]
    public void Printed_tree_parses_back_to_the_same_tree()
    {
        foreach (string text in new[] { MkwFilter, "not a like 'x%' or -b * 3 % 2 = c", "(20=auth)AND((1&mskdif)=mskdif)", "x = \"it's\"" })
        {
            Assert.True(FilterParser.TryParse(text, out var tree, out _));
            string printed = tree!.ToFilterText();
            Assert.True(FilterParser.TryParse(printed, out var reparsed, out var error), error?.ToString());
            Assert.Equal(printed, reparsed!.ToFilterText());
        }
    }

    [Fact]
    public void Constant_parts_are_folded_at_compile_time()
    {
        Assert.True(CompiledFilter.TryCompile("1 = 1 and rk = 'vs' and 2 > 1", out var filter, out _));
        Assert.Equal([new KeyValuePair<string, string>("rk", "vs")], filter.RequiredEqualities);
        Assert.True(CompiledFilter.TryCompile("1 = 2 and rk = 'vs'", out var never, out _));
        Assert.False(never.Matches(new Dictionary<string, string> { ["rk"] = "vs" }));
    }

    [Fact]
    public void Mkw_policy_disables_rating_windows_and_merges_retail_regions()
    {
        Assert.True(FilterParser.TryParse("rk = 'vs_3' and ev >= 4250 and ev <= 5750", out var tree, out _));
        var relaxed = CompiledFilter.Compile(MkwFilterPolicy.WiiLinkCompatible.Apply(tree));
        var strict = CompiledFilter.Compile(MkwFilterPolicy.Literal.Apply(tree));

        var worldwideHighVr = new Dictionary<string, string> { ["rk"] = "vs", ["ev"] = "9000" };
        Assert.True(relaxed.Matches(worldwideHighVr));
        Assert.False(strict.Matches(worldwideHighVr));
        Assert.True(relaxed.Matches(new Dictionary<string, string> { ["rk"] = "vs_0", ["ev"] = "1" }));
        Assert.False(relaxed.Matches(new Dictionary<string, string> { ["rk"] = "vs_6", ["ev"] = "5000" }));  // China stays apart
        Assert.False(relaxed.Matches(new Dictionary<string, string> { ["rk"] = "bt", ["ev"] = "5000" }));

        Assert.True(FilterParser.TryParse("rk = 'vs_123'", out var modTree, out _));
        var mod = CompiledFilter.Compile(MkwFilterPolicy.WiiLinkCompatible.Apply(modTree));
        Assert.False(mod.Matches(new Dictionary<string, string> { ["rk"] = "vs" }));  // mod regions stay apart
    }

    [Fact]
    public void Random_token_soup_never_throws()
    {
        string[] pieces = ["(", ")", "a", "b", "1", "-", "+", "*", "/", "%", "&", "|", "^", "=", "!=", "<", "<=", ">", ">=",
            " and ", " or ", " not ", " like ", "'x'", "'%'", "0", "&&", "||", "<>", "==", "!", "\"", "'", "#", "\\"];
        var random = new Random(42);
        var values = new Dictionary<string, string> { ["a"] = "5", ["b"] = "x" };
        for (int i = 0; i < 20000; i++)
        {
            string filter = string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => pieces[random.Next(pieces.Length)]));
            if (CompiledFilter.TryCompile(filter, out var compiled, out _))
                _ = compiled.Matches(values);
        }
    }
}
