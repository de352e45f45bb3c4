using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>HOCON.md "Unquoted strings", "Multi-line strings" and JSON quoted strings.</summary>
public class HoconStringTests
{
    [Fact]
    public void Quoted_strings_use_json_escapes()
    {
        var config = Hocon.Parse("""
            s = "a\"b\\c\/d\te\nf\u0041"
            """);

        Assert.Equal("a\"b\\c/d\te\nfA", config.GetString("s"));
    }

    [Fact]
    public void An_invalid_escape_is_an_error_at_the_backslash()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("""s = "a\qb" """));

        Assert.Equal(1, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Contains("not a valid escape", error.Message);
    }

    [Fact]
    public void A_quoted_string_cannot_run_past_the_end_of_its_line()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("a = 1\ns = \"open\nb = 2"));

        Assert.Equal(2, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Contains("not closed on its line", error.Message);
    }

    [Fact]
    public void Unquoted_strings_are_taken_literally()
    {
        var config = Hocon.Parse("""
            path = /var/lib/wiimmfi
            level = Information
            address = 127.0.0.1
            date = 2024-01-01
            dash = -foo
            """);

        Assert.Equal("/var/lib/wiimmfi", config.GetString("path"));
        Assert.Equal("Information", config.GetString("level"));
        Assert.Equal("127.0.0.1", config.GetString("address"));
        Assert.Equal(HoconValueKind.String, config["address"].Kind);
        Assert.Equal("2024-01-01", config.GetString("date"));
        Assert.Equal("-foo", config.GetString("dash"));
    }

    [Theory]
    [InlineData('^')]
    [InlineData('?')]
    [InlineData('!')]
    [InlineData('@')]
    [InlineData('*')]
    [InlineData('&')]
    [InlineData('`')]
    [InlineData('\\')]
    public void A_reserved_character_in_unquoted_text_is_an_error_that_says_to_quote(char reserved)
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse($"a = x{reserved}y"));

        Assert.Equal(1, error.Line);
        Assert.Equal(6, error.Column);
        Assert.Contains("quote", error.Message);
    }

    [Fact]
    public void A_double_slash_ends_unquoted_text_as_a_comment()
    {
        Assert.Equal("http:", Hocon.Parse("a = \"http:\"//example.com").GetString("a"));
        Assert.Equal("a", Hocon.Parse("x = a//comment").GetString("x"));
    }

    [Fact]
    public void Triple_quoted_strings_keep_newlines_quotes_and_backslashes_as_written()
    {
        var config = Hocon.Parse("text = \"\"\"first line\n  second \"quoted\" \\n line\"\"\"");

        Assert.Equal("first line\n  second \"quoted\" \\n line", config.GetString("text"));
    }

    [Fact]
    public void Extra_quotes_at_the_end_of_a_triple_quoted_string_belong_to_it()
    {
        Assert.Equal("foo\"", Hocon.Parse("a = \"\"\"foo\"\"\"\"").GetString("a"));
        Assert.Equal("foo\"\"", Hocon.Parse("a = \"\"\"foo\"\"\"\"\"").GetString("a"));
    }

    [Fact]
    public void An_unclosed_triple_quoted_string_is_reported_where_it_starts()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("a = 1\nb = \"\"\"never\nclosed"));

        Assert.Equal(2, error.Line);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void An_empty_quoted_string_is_a_string()
    {
        var config = Hocon.Parse("a = \"\"");

        Assert.Equal("", config.GetString("a"));
        Assert.Equal(HoconValueKind.String, config["a"].Kind);
    }

    [Fact]
    public void A_number_followed_by_text_is_a_string_as_written()
    {
        var config = Hocon.Parse("a = 10.0bar\nb = bar10.0\nc = truefoo\nd = footrue");

        Assert.Equal("10.0bar", config.GetString("a"));
        Assert.Equal("bar10.0", config.GetString("b"));
        Assert.Equal("truefoo", config.GetString("c"));
        Assert.Equal("footrue", config.GetString("d"));
        Assert.All(new[] { "a", "b", "c", "d" }, key => Assert.Equal(HoconValueKind.String, config[key].Kind));
    }
}
