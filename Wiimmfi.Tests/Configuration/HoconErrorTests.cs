using System.Text;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>Malformed files stop with one message that names the file, the line and the column.</summary>
public class HoconErrorTests
{
    [Theory]
    [InlineData("a = 1\nb = {\n  c = 2\n", 4, 1, "object opened at line 2, column 5 is not closed")]
    [InlineData("a = [1, 2\nb = 3", 2, 3, "expected ',' or a new line")]
    [InlineData("a = [1, 2", 1, 10, "array opened at line 1, column 5 is not closed")]
    [InlineData("a = ${b", 1, 5, "substitution is not closed")]
    [InlineData("a = ${}", 1, 5, "empty path")]
    [InlineData("a = ${b.${c}}", 1, 9, "cannot appear in the path of a substitution")]
    [InlineData("a\nb = 1", 1, 2, "expected ':', '=' or '{' after the key 'a'")]
    [InlineData("a = ", 1, 5, "expected a value")]
    [InlineData("a = +5", 1, 5, "'+' is reserved")]
    [InlineData("a = 1 : 2", 1, 7, "':' and '=' must be quoted inside values")]
    [InlineData("a = \"x\\u12\"", 1, 7, "\\u must be followed by four hexadecimal digits")]
    public void A_malformed_file_names_the_line_and_column_of_the_problem(string text, int line, int column, string expected)
    {
        using var folder = new TempConfigFolder();
        var path = folder.Write("broken.conf", text);

        var error = Assert.Throws<HoconParseException>(() => HoconLoader.LoadFile(path, Hocon.NoEnvironment));

        Assert.Equal(path, error.File);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith($"{path}:{line}:{column}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_with_its_line()
    {
        using var folder = new TempConfigFolder();
        var path = Path.Combine(folder.Path, "latin1.conf");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("a = 1\nb = caf"), 0xE9, .. Encoding.ASCII.GetBytes("\n")]);

        var error = Assert.Throws<HoconParseException>(() => HoconLoader.LoadFile(path, Hocon.NoEnvironment));

        Assert.Equal(2, error.Line);
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Fact]
    public void A_missing_top_level_file_says_so()
    {
        var error = Assert.Throws<HoconException>(() => HoconLoader.LoadFile("/nonexistent/wiimmfi-test.conf", Hocon.NoEnvironment));

        Assert.Contains("configuration file not found: /nonexistent/wiimmfi-test.conf", error.Message);
    }

    [Fact]
    public void Absurdly_deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var text = "a = " + new string('[', 10_000) + new string(']', 10_000);

        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse(text));

        Assert.Contains("nested more than", error.Message);
    }

    [Fact]
    public void Deep_substitution_chains_are_refused_instead_of_overflowing_the_stack()
    {
        // Each key refers forward to the next, so resolving the first walks the whole chain.
        var text = new StringBuilder();
        for (var i = 0; i < 2_000; i++)
        {
            text.Append('k').Append(i).Append(" = ${k").Append(i + 1).Append("}\n");
        }
        text.Append("k2000 = 1\n");

        var error = Assert.Throws<HoconResolveException>(() => Hocon.Parse(text.ToString()));

        Assert.Contains("chained more than", error.Message);
    }
}
