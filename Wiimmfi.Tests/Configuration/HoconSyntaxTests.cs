using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>HOCON.md "Syntax": comments, root braces, separators, commas, whitespace, JSON superset.</summary>
public class HoconSyntaxTests
{
    [Fact]
    public void Hash_and_double_slash_comments_are_ignored()
    {
        var config = Hocon.Parse("""
            # a comment
            a = 1 # after a value
            // another comment
            b = 2 // after a value
            """);

        Assert.Equal(1, config.GetInt32("a"));
        Assert.Equal(2, config.GetInt32("b"));
        Assert.Equal(["a", "b"], config.Keys);
    }

    [Fact]
    public void Comment_characters_inside_quoted_strings_are_text()
    {
        var config = Hocon.Parse("""
            url = "http://example.com/#anchor"
            """);

        Assert.Equal("http://example.com/#anchor", config.GetString("url"));
    }

    [Fact]
    public void Root_braces_may_be_left_out()
    {
        Assert.Equal(Hocon.CanonicalOf("{ a = 1, b { c = 2 } }"), Hocon.CanonicalOf("a = 1\nb { c = 2 }"));
    }

    [Fact]
    public void A_closing_brace_without_an_opening_one_is_an_error()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("a = 1\n}"));

        Assert.Equal(2, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Contains("'}' without a matching '{'", error.Message);
    }

    [Theory]
    [InlineData("a = 1")]
    [InlineData("a : 1")]
    [InlineData("a=1")]
    [InlineData("\"a\" : 1")]
    public void Equals_and_colon_both_separate_a_key_from_its_value(string text)
    {
        Assert.Equal(1, Hocon.Parse(text).GetInt32("a"));
    }

    [Fact]
    public void The_separator_may_be_left_out_before_an_opening_brace()
    {
        Assert.Equal(Hocon.CanonicalOf("foo : { a : 1 }"), Hocon.CanonicalOf("foo { a : 1 }"));
    }

    [Fact]
    public void Newlines_separate_fields_and_array_elements_without_commas()
    {
        var config = Hocon.Parse("""
            a = 1
            b = 2
            list = [
              1
              2
              3
            ]
            """);

        Assert.Equal("""{"a":1,"b":2,"list":[1,2,3]}""", Hocon.Canonical(config));
    }

    [Theory]
    [InlineData("list = [1,2,3,]")]
    [InlineData("list = [1,2,3]")]
    [InlineData("list = [1\n2\n3]")]
    [InlineData("list = [1,\n2,\n3,\n]")]
    public void One_trailing_comma_is_ignored(string text)
    {
        Assert.Equal("""{"list":[1,2,3]}""", Hocon.CanonicalOf(text));
    }

    [Fact]
    public void A_trailing_comma_in_an_object_is_ignored()
    {
        Assert.Equal("""{"o":{"a":1,"b":2}}""", Hocon.CanonicalOf("o { a = 1, b = 2, }"));
    }

    [Theory]
    [InlineData("list = [1,2,3,,]", 1, 15)]
    [InlineData("list = [,1,2,3]", 1, 9)]
    [InlineData("list = [1,,2,3]", 1, 11)]
    [InlineData("a = 1,,b = 2", 1, 7)]
    [InlineData("{ , a = 1 }", 1, 3)]
    public void Leading_or_doubled_commas_are_errors_at_their_position(string text, int line, int column)
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse(text));

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains("','", error.Message);
    }

    [Fact]
    public void Two_fields_on_one_line_need_a_comma()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("a = 1 b = 2"));

        Assert.Contains("test.conf:1:9", error.Message);
    }

    [Fact]
    public void Unicode_spaces_tabs_and_a_byte_order_mark_are_whitespace()
    {
        var config = Hocon.Parse("\uFEFFa\u00A0=\t1\n\u2028b\u3000= 2\r\n\u001Cc = 3");

        Assert.Equal("""{"a":1,"b":2,"c":3}""", Hocon.Canonical(config));
    }

    [Fact]
    public void Windows_line_endings_are_accepted()
    {
        Assert.Equal("""{"a":1,"b":"x y"}""", Hocon.CanonicalOf("a = 1\r\nb = x y\r\n"));
    }

    [Fact]
    public void An_empty_file_is_an_empty_object()
    {
        Assert.Empty(Hocon.Parse("").Keys);
        Assert.Empty(Hocon.Parse("# only a comment\n\n").Keys);
    }

    [Fact]
    public void A_file_whose_root_is_an_array_is_refused()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("[1, 2]"));

        Assert.Contains("root of a configuration file must be an object", error.Message);
    }

    [Fact]
    public void Content_after_the_closing_root_brace_is_an_error()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("{ a = 1 }\nb = 2"));

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void A_json_document_parses_to_the_same_tree()
    {
        const string json = """
            {
              "name": "wiimmfi",
              "port": 29900,
              "ratio": -1.5e3,
              "enabled": true,
              "disabled": false,
              "nothing": null,
              "escapes": "tab\tquote\"slash\/unicode\u00e9",
              "list": [1, "two", [3], {"four": 4}],
              "nested": { "a": { "b": {} } },
              "empty": []
            }
            """;

        Assert.Equal(Hocon.CanonicalJson(json), Hocon.CanonicalOf(json));
    }

    [Fact]
    public void Booleans_numbers_and_null_keep_their_types()
    {
        var config = Hocon.Parse("t = true, f = false, n = null, i = 42, d = -0.5, e = 1e5");

        Assert.Equal(HoconValueKind.Boolean, config["t"].Kind);
        Assert.Equal(HoconValueKind.Boolean, config["f"].Kind);
        Assert.Equal(HoconValueKind.Null, config["n"].Kind);
        Assert.Equal(HoconValueKind.Number, config["i"].Kind);
        Assert.Equal("-0.5", ((HoconScalar)config["d"]).Text);
        Assert.Equal("1e5", ((HoconScalar)config["e"]).Text);
    }
}
