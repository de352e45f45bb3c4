using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>HOCON.md "Duplicate keys and object merging" and "Config object merging and file merging".</summary>
public class HoconMergingTests
{
    [Fact]
    public void A_later_value_for_the_same_key_wins()
    {
        var config = Hocon.Parse("a = 1\na = 2\nb { c = x }\nb.c = y");

        Assert.Equal(2, config.GetInt32("a"));
        Assert.Equal("y", config.GetString("b.c"));
    }

    [Fact]
    public void Two_objects_for_the_same_key_merge_as_in_the_specification()
    {
        var merged = Hocon.CanonicalOf("""
            {
                "foo" : { "a" : 42 },
                "foo" : { "b" : 43 }
            }
            """);

        Assert.Equal(Hocon.CanonicalOf("""{ "foo" : { "a" : 42, "b" : 43 } }"""), merged);
    }

    [Fact]
    public void Null_between_two_objects_prevents_the_merge_as_in_the_specification()
    {
        var merged = Hocon.CanonicalOf("""
            {
                "foo" : { "a" : 42 },
                "foo" : null,
                "foo" : { "b" : 43 }
            }
            """);

        Assert.Equal(Hocon.CanonicalOf("""{ "foo" : { "b" : 43 } }"""), merged);
    }

    [Fact]
    public void Any_non_object_between_two_objects_resets_the_merge()
    {
        Assert.Equal("""{"a":{"y":2}}""", Hocon.CanonicalOf("a {x:1}, a: 1, a {y:2}"));
    }

    [Fact]
    public void Objects_merge_recursively_and_non_objects_in_both_take_the_later()
    {
        var merged = Hocon.CanonicalOf("""
            a { b { c = 1, d = 2 }, e = [1] }
            a { b { d = 3, f = 4 }, e = [2] }
            """);

        Assert.Equal("""{"a":{"b":{"c":1,"d":3,"f":4},"e":[2]}}""", merged);
    }

    [Fact]
    public void Fields_keep_the_order_in_which_they_were_first_written()
    {
        var config = Hocon.Parse("b = 1\na = 2\nb = 3\nc = 4");

        Assert.Equal(["b", "a", "c"], config.Keys);
    }

    [Fact]
    public void Files_merge_in_order_and_a_non_object_hides_an_earlier_object()
    {
        using var folder = new TempConfigFolder();
        var lowest = folder.Write("lowest.conf", "a : { y : 2 }");
        var middle = folder.Write("middle.conf", "a : 42");
        var highest = folder.Write("highest.conf", "a : { x : 1 }");

        // Spec: { a : { x : 1 } } over { a : 42 } over { a : { y : 2 } } gives { a : { x : 1 } } ...
        var hidden = HoconLoader.LoadFiles([lowest, middle, highest], Hocon.NoEnvironment);
        // ... and with the two objects adjacent they merge: { a : { x : 1, y : 2 } }.
        var adjacent = HoconLoader.LoadFiles([middle, lowest, highest], Hocon.NoEnvironment);

        Assert.Equal("""{"a":{"x":1}}""", Hocon.Canonical(hidden));
        Assert.Equal("""{"a":{"x":1,"y":2}}""", Hocon.Canonical(adjacent));
    }

    [Fact]
    public void Setting_an_object_to_null_then_to_a_new_object_clears_the_defaults_of_an_earlier_file()
    {
        using var folder = new TempConfigFolder();
        var defaults = folder.Write("defaults.conf", "servers { a = 1, b = 2 }");
        var mine = folder.Write("mine.conf", "servers = null\nservers { c = 3 }");

        var config = HoconLoader.LoadFiles([defaults, mine], Hocon.NoEnvironment);

        Assert.Equal("""{"c":3}""", Hocon.Canonical(config["servers"]));
    }
}
