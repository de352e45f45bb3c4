using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.ServerBrowser;
using Wiimmfi.Protocols.ServerBrowser.Filter;
using static Wiimmfi.Tests.Protocols.MatchmakingVectors;

namespace Wiimmfi.Tests.Protocols.ServerBrowser;

/// <summary>Every case of <c>sb_filter.json</c>, with literal semantics and with WiiLink's MKW overrides.</summary>
public class FilterVectorTests
{
    public static IEnumerable<object[]> Cases() =>
        Rows("sb_filter", "vectors", (e, i) => $"#{i}: {e.GetProperty("filter").GetString()![..Math.Min(40, e.GetProperty("filter").GetString()!.Length)]}");

    private static Dictionary<string, string> ServerOf(System.Text.Json.JsonElement vector) =>
        vector.GetProperty("server").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Literal_evaluation_matches_the_vector(string label, int index)
    {
        var vector = Element("sb_filter", "vectors", index);
        Assert.True(CompiledFilter.TryCompile(vector.GetProperty("filter").GetString()!, out var filter, out var error), error?.ToString());
        Assert.Equal(vector.GetProperty("expected_literal_semantics").GetBoolean(), filter.Matches(ServerOf(vector)));
        Assert.NotEmpty(label);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WiiLink_compatible_mkw_policy_matches_the_vector(string label, int index)
    {
        var vector = Element("sb_filter", "vectors", index);
        Assert.True(FilterParser.TryParse(vector.GetProperty("filter").GetString()!, out var tree, out var error), error?.ToString());
        var filter = CompiledFilter.Compile(MkwFilterPolicy.WiiLinkCompatible.Apply(tree));
        Assert.Equal(vector.GetProperty("expected_wiilink_mkw_semantics").GetBoolean(), filter.Matches(ServerOf(vector)));
        Assert.NotEmpty(label);
    }

    [Fact]
    public void Self_lookup_vector_is_recognised_as_a_self_lookup()
    {
        Assert.True(CompiledFilter.TryCompile("dwc_pid = 123456789", out var filter, out _));
        Assert.True(DwcSelfLookup.TryMatch(filter, out uint pid));
        Assert.Equal(123456789u, pid);
    }

    [Theory]
    [InlineData("dwc_pid = 1 and dwc_mver = 90")]
    [InlineData("dwc_pid != 1")]
    [InlineData("dwc_mver = 90")]
    [InlineData("dwc_pid = 99999999999")]
    [InlineData("dwc_pid = '12'")]
    public void Other_filters_are_not_self_lookups(string text)
    {
        Assert.True(CompiledFilter.TryCompile(text, out var filter, out _));
        Assert.False(DwcSelfLookup.TryMatch(filter, out _));
    }
}
