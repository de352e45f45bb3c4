using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>HOCON.md "Path expressions" and "Paths as keys".</summary>
public class HoconPathTests
{
    [Fact]
    public void A_dotted_key_creates_nested_objects()
    {
        Assert.Equal(Hocon.CanonicalOf("foo { bar : 42 }"), Hocon.CanonicalOf("foo.bar : 42"));
        Assert.Equal(Hocon.CanonicalOf("foo { bar { baz : 42 } }"), Hocon.CanonicalOf("foo.bar.baz : 42"));
    }

    [Fact]
    public void Dotted_keys_merge_like_duplicate_objects()
    {
        Assert.Equal(Hocon.CanonicalOf("a { x : 42, y : 43 }"), Hocon.CanonicalOf("a.x : 42, a.y : 43"));
    }

    [Fact]
    public void A_quoted_segment_keeps_its_dots()
    {
        var config = Hocon.Parse("foo.bar.\"hello.world\" = 1");

        Assert.Equal("""{"foo":{"bar":{"hello.world":1}}}""", Hocon.Canonical(config));
        Assert.Equal(1, config.GetInt32("foo.bar.\"hello.world\""));
    }

    [Theory]
    [InlineData("10.0foo : 1", """{"10":{"0foo":1}}""")]
    [InlineData("foo10.0 : 1", """{"foo10":{"0":1}}""")]
    [InlineData("foo\"10.0\" : 1", """{"foo10.0":1}""")]
    [InlineData("1.2.3 : 1", """{"1":{"2":{"3":1}}}""")]
    [InlineData("3 : 42", """{"3":42}""")]
    [InlineData("3.14 : 42", """{"3":{"14":42}}""")]
    [InlineData("true : 42", """{"true":42}""")]
    [InlineData("null : 42", """{"null":42}""")]
    [InlineData("a b c : 42", """{"a b c":42}""")]
    [InlineData("a.\"\".b : 1", """{"a":{"":{"b":1}}}""")]
    public void Keys_are_always_strings_split_at_unquoted_dots(string text, string expected)
    {
        Assert.Equal(expected, Hocon.CanonicalOf(text));
    }

    [Theory]
    [InlineData("a..b = 1")]
    [InlineData(".a = 1")]
    [InlineData("a. = 1")]
    public void An_empty_path_element_is_an_error(string text)
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse(text));

        Assert.Contains("empty path element", error.Message);
    }

    [Fact]
    public void A_substitution_in_a_key_is_an_error()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("a = 1\n${a} = 2"));

        Assert.Contains("not allowed in keys", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Include_is_special_only_at_the_start_of_a_key()
    {
        var config = Hocon.Parse("""
            foo include : 42
            bar : include
            list : [ include ]
            "include" : 43
            """);

        Assert.Equal(42, config.GetInt32("\"foo include\""));
        Assert.Equal("include", config.GetString("bar"));
        Assert.Equal(["include"], config.GetStringList("list"));
        Assert.Equal(43, config.GetInt32("\"include\""));
    }

    [Fact]
    public void Include_followed_by_something_other_than_a_quoted_name_is_an_error()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("include : 42"));

        Assert.Contains("include must be followed by a quoted name", error.Message);
    }

    [Fact]
    public void A_path_renders_back_to_the_same_path()
    {
        var path = HoconPath.Parse("wiimmfi.\"odd.key\".\"\".port");

        Assert.Equal(["wiimmfi", "odd.key", "", "port"], path.Segments);
        Assert.Equal(path, HoconPath.Parse(path.ToString()));
        Assert.Equal("wiimmfi:odd.key::port", path.ToConfigurationKey());
    }
}
