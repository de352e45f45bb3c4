using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>HOCON.md "Self-Referential Substitutions" and "The += field separator", with the spec's examples.</summary>
public class HoconSelfReferenceTests
{
    [Fact]
    public void A_field_can_extend_its_earlier_string_value()
    {
        var config = Hocon.Parse("""
            path : "a:b:c"
            path : ${path}":d"
            """);

        Assert.Equal("a:b:c:d", config.GetString("path"));
    }

    [Fact]
    public void A_field_can_extend_its_earlier_array_value()
    {
        var config = Hocon.Parse("""
            path = [ /bin ]
            path = ${path} [ /usr/bin ]
            """);

        Assert.Equal(["/bin", "/usr/bin"], config.GetStringList("path"));
    }

    [Fact]
    public void The_spec_ways_to_define_an_array_agree()
    {
        var expected = Hocon.CanonicalOf("a : [ 1, 2, 3, 4 ]");

        Assert.Equal(expected, Hocon.CanonicalOf("a : [ 1, 2 ] [ 3, 4 ]"));
        Assert.Equal(expected, Hocon.CanonicalOf("a : [ 1, 2 ]\na : ${a} [ 3, 4 ]"));
    }

    [Fact]
    public void A_self_reference_with_no_earlier_value_is_an_error_naming_the_field()
    {
        var error = Assert.Throws<HoconResolveException>(() => Hocon.Parse("foo : ${foo} // an error"));

        Assert.Equal(HoconPath.Parse("foo"), error.Path);
        Assert.Contains("refers to 'foo' itself", error.Message);
    }

    [Fact]
    public void An_optional_self_reference_with_no_earlier_value_disappears()
    {
        Assert.Empty(Hocon.Parse("foo : ${?foo}").Keys);
    }

    [Fact]
    public void An_optional_self_reference_in_a_concatenation_looks_back_and_finds_nothing()
    {
        Assert.Equal("foo", Hocon.Parse("a = ${?a}foo").GetString("a"));
    }

    [Fact]
    public void A_self_reference_sees_the_overridden_object()
    {
        var config = Hocon.Parse("foo : { a : 1 }\nfoo : ${foo}");

        Assert.Equal("""{"a":1}""", Hocon.Canonical(config["foo"]));
    }

    [Fact]
    public void A_self_reference_before_the_field_has_a_value_is_an_error()
    {
        Assert.Throws<HoconResolveException>(() => Hocon.Parse("foo : ${foo}\nfoo : { a : 1 }"));
    }

    [Fact]
    public void A_substitution_hidden_by_a_later_value_is_never_evaluated()
    {
        Assert.Equal(42, Hocon.Parse("foo : ${does-not-exist}\nfoo : 42").GetInt32("foo"));
        Assert.Equal(42, Hocon.Parse("foo : ${foo}, foo : 42").GetInt32("foo"));
    }

    [Fact]
    public void A_self_reference_inside_a_path_resolves_to_the_value_below()
    {
        var config = Hocon.Parse("""
            foo : { a : { c : 1 } }
            foo : ${foo.a}
            foo : { a : 2 }
            """);

        Assert.Equal("""{"a":2,"c":1}""", Hocon.Canonical(config["foo"]));
    }

    [Fact]
    public void Plus_equals_appends_to_an_array()
    {
        Assert.Equal(["x", "y"], Hocon.Parse("a = [x]\na += y").GetStringList("a"));
    }

    [Fact]
    public void Plus_equals_may_be_the_first_mention_of_a_field()
    {
        Assert.Equal("""{"a":[1,2],"n":{"list":["x"]}}""", Hocon.CanonicalOf("a += 1\na += 2\nn { list += x }"));
    }

    [Fact]
    public void Plus_equals_is_the_same_as_an_optional_self_reference_and_an_array()
    {
        Assert.Equal(Hocon.CanonicalOf("a = [0]\na = ${?a} [1]"), Hocon.CanonicalOf("a = [0]\na += 1"));
    }

    [Fact]
    public void Plus_equals_on_a_field_that_is_not_an_array_is_an_error()
    {
        var error = Assert.Throws<HoconResolveException>(() => Hocon.Parse("a = 1\na += 2"));

        Assert.Contains("cannot concatenate", error.Message);
        Assert.Contains("test.conf:2:3", error.Message);
    }

    [Fact]
    public void A_self_reference_in_a_nested_object_refers_to_the_nested_field()
    {
        var config = Hocon.Parse("""
            wiimmfi { cluster { seed-nodes = ["a:4053"] } }
            wiimmfi.cluster.seed-nodes = ${wiimmfi.cluster.seed-nodes} ["b:4053"]
            wiimmfi { cluster { seed-nodes += "c:4053" } }
            """);

        Assert.Equal(["a:4053", "b:4053", "c:4053"], config.GetStringList("wiimmfi.cluster.seed-nodes"));
    }

    [Fact]
    public void A_self_reference_can_build_on_a_value_from_an_earlier_file()
    {
        using var folder = new TempConfigFolder();
        var reference = folder.Write("reference.conf", "seed-nodes = [a]");
        var application = folder.Write("application.conf", "seed-nodes += b");

        var config = HoconLoader.LoadFiles([reference, application], Hocon.NoEnvironment);

        Assert.Equal(["a", "b"], config.GetStringList("seed-nodes"));
    }
}
