using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>HOCON.md "Value concatenation": strings, arrays, objects.</summary>
public class HoconConcatenationTests
{
    [Fact]
    public void Simple_values_on_one_line_concatenate_keeping_the_whitespace_between_them()
    {
        var config = Hocon.Parse("a =   foo bar  baz   \nb = 1 2.5 true null");

        Assert.Equal("foo bar  baz", config.GetString("a"));
        Assert.Equal("1 2.5 true null", config.GetString("b"));
    }

    [Fact]
    public void Unquoted_and_quoted_concatenation_give_the_same_string()
    {
        Assert.Equal(Hocon.CanonicalOf("a = \"foo bar\""), Hocon.CanonicalOf("a = foo bar"));
        Assert.Equal("foo bar", Hocon.Parse("a = foo\" \"bar").GetString("a"));
    }

    [Fact]
    public void A_single_value_keeps_its_type_but_two_become_a_string()
    {
        var config = Hocon.Parse("a = true\nb = true foo\nc = 42\nd = 42 x");

        Assert.Equal(HoconValueKind.Boolean, config["a"].Kind);
        Assert.Equal(HoconValueKind.String, config["b"].Kind);
        Assert.Equal("true foo", config.GetString("b"));
        Assert.Equal(HoconValueKind.Number, config["c"].Kind);
        Assert.Equal("42 x", config.GetString("d"));
    }

    [Fact]
    public void Numbers_concatenate_as_they_were_written()
    {
        Assert.Equal("1e5 and 1.50", Hocon.Parse("a = 1e5 and 1.50").GetString("a"));
    }

    [Fact]
    public void Arrays_written_side_by_side_concatenate()
    {
        Assert.Equal("""{"a":[1,2,3,4]}""", Hocon.CanonicalOf("a : [ 1, 2 ] [ 3, 4 ]"));
    }

    [Fact]
    public void Objects_written_side_by_side_merge()
    {
        Assert.Equal(Hocon.CanonicalOf("a : { b : 1, c : 2 }"), Hocon.CanonicalOf("a : { b : 1 } { c : 2 }"));
        Assert.Equal(Hocon.CanonicalOf("a : { b : 1, c : 2 }"), Hocon.CanonicalOf("a : { b : 1 }\na : { c : 2 }"));
        Assert.Equal("""{"a":{"b":2}}""", Hocon.CanonicalOf("a : { b : 1 } { b : 2 }"));
    }

    [Fact]
    public void Mixing_an_array_and_an_object_is_an_error()
    {
        var error = Assert.Throws<HoconParseException>(() => Hocon.Parse("a = [1] {b = 2}"));

        Assert.Contains("cannot concatenate an array with an object", error.Message);
        Assert.Equal(9, error.Column);
    }

    [Fact]
    public void Mixing_a_string_and_an_array_is_an_error()
    {
        Assert.Throws<HoconParseException>(() => Hocon.Parse("a = foo [1]"));
    }

    [Fact]
    public void Inside_an_array_whitespace_concatenates_and_newlines_separate()
    {
        Assert.Equal("""{"a":["1 2 3 4"]}""", Hocon.CanonicalOf("a = [ 1 2 3 4 ]"));
        Assert.Equal("""{"a":[1,2,3,4]}""", Hocon.CanonicalOf("a = [ 1\n 2\n 3\n 4 ]"));
        Assert.Equal("""{"a":[[1,2,3,4]]}""", Hocon.CanonicalOf("a = [ [ 1, 2 ] [ 3, 4 ] ]"));
        Assert.Equal("""{"a":[[1,2],[3,4]]}""", Hocon.CanonicalOf("a = [ [ 1, 2 ]\n [ 3, 4 ] ]"));
    }

    [Fact]
    public void A_substitution_concatenates_with_text_around_it()
    {
        var config = Hocon.Parse("""
            animal.favorite = cat
            key : ${animal.favorite} is my favorite animal
            other : ${animal.favorite}" is my favorite animal"
            """);

        Assert.Equal("cat is my favorite animal", config.GetString("key"));
        Assert.Equal("cat is my favorite animal", config.GetString("other"));
    }

    [Fact]
    public void A_substitution_and_an_object_give_inheritance()
    {
        var config = Hocon.Parse("""
            data-center-generic = { cluster-size = 6 }
            data-center-east = ${data-center-generic} { name = "east" }
            """);

        Assert.Equal("""{"cluster-size":6,"name":"east"}""", Hocon.Canonical(config["data-center-east"]));
    }

    [Fact]
    public void Substitutions_that_resolve_to_arrays_concatenate_as_arrays()
    {
        var config = Hocon.Parse("""
            a = [1, 2]
            b = [3]
            c = ${a} ${b} [4]
            """);

        Assert.Equal("[1,2,3,4]", Hocon.Canonical(config["c"]));
    }

    [Fact]
    public void A_substitution_resolving_to_an_object_cannot_concatenate_with_text()
    {
        var error = Assert.Throws<HoconResolveException>(() => Hocon.Parse("o = { x = 1 }\na = ${o} text"));

        Assert.Contains("cannot concatenate", error.Message);
        Assert.Contains("test.conf:2:5", error.Message);
    }

    [Fact]
    public void A_numerically_indexed_object_concatenates_as_a_list()
    {
        var config = Hocon.Parse("""
            list { "1" = b, "0" = a, x = ignored }
            all = ${list} [c]
            """);

        Assert.Equal("""["a","b","c"]""", Hocon.Canonical(config["all"]));
        Assert.Equal(["a", "b"], config.GetStringList("list"));
    }
}
