using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>HOCON.md "Includes": syntax, merging, substitution fix-up, missing files, locating files.</summary>
public class HoconIncludeTests
{
    [Fact]
    public void An_include_at_the_root_merges_the_file_where_it_stands()
    {
        using var folder = new TempConfigFolder();
        folder.Write("base.conf", "a = 1\nb = 2\nnested { x = 1 }");
        var main = folder.Write("main.conf", "a = 0\ninclude \"base.conf\"\nb = 3\nnested { y = 2 }");

        var config = HoconLoader.LoadFile(main, Hocon.NoEnvironment);

        // a: the included value overrides the earlier one; b: the later one overrides the included one.
        Assert.Equal("""{"a":1,"b":3,"nested":{"x":1,"y":2}}""", Hocon.Canonical(config));
    }

    [Fact]
    public void An_include_is_found_next_to_the_including_file_not_in_the_working_directory()
    {
        using var folder = new TempConfigFolder();
        folder.Write("conf/common/shared.conf", "shared = yes");
        folder.Write("conf/common/parts.conf", "include \"shared.conf\"\npart = 1");
        var main = folder.Write("conf/node.conf", "include \"common/parts.conf\"");

        var config = HoconLoader.LoadFile(main, Hocon.NoEnvironment);

        Assert.Equal("""{"part":1,"shared":"yes"}""", Hocon.Canonical(config));
    }

    [Fact]
    public void Keys_of_a_file_included_in_an_object_nest_and_its_substitutions_are_fixed_up()
    {
        using var folder = new TempConfigFolder();
        folder.Write("foo.conf", "{ x : 10, y : ${x} }");
        var alone = folder.Write("alone.conf", "{ a : { include \"foo.conf\" } }");
        var redefined = folder.Write("redefined.conf", "{\n a : { include \"foo.conf\" }\n a : { x : 42 }\n}");

        Assert.Equal("""{"a":{"x":10,"y":10}}""", Hocon.Canonical(HoconLoader.LoadFile(alone, Hocon.NoEnvironment)));
        Assert.Equal("""{"a":{"x":42,"y":42}}""", Hocon.Canonical(HoconLoader.LoadFile(redefined, Hocon.NoEnvironment)));
    }

    [Fact]
    public void A_substitution_in_an_included_file_falls_back_to_the_root_of_the_whole_configuration()
    {
        using var folder = new TempConfigFolder();
        folder.Write("gpcm.conf", "port = 29900\nfolder = ${data-folder}/gpcm");
        var main = folder.Write("main.conf", "data-folder = /srv\ngpcm { include \"gpcm.conf\" }");

        var config = HoconLoader.LoadFile(main, Hocon.NoEnvironment);

        Assert.Equal("/srv/gpcm", config.GetString("gpcm.folder"));
    }

    [Fact]
    public void Plus_equals_in_an_included_file_appends_at_the_include_location()
    {
        using var folder = new TempConfigFolder();
        folder.Write("more.conf", "list += b");
        var main = folder.Write("main.conf", "section { list = [a]\n include \"more.conf\" }");

        Assert.Equal(["a", "b"], HoconLoader.LoadFile(main, Hocon.NoEnvironment).GetStringList("section.list"));
    }

    [Fact]
    public void A_missing_include_is_silently_an_empty_object()
    {
        using var folder = new TempConfigFolder();
        var main = folder.Write("main.conf", "include \"not-there.conf\"\na = 1");

        Assert.Equal("""{"a":1}""", Hocon.Canonical(HoconLoader.LoadFile(main, Hocon.NoEnvironment)));
    }

    [Fact]
    public void A_missing_required_include_is_an_error_at_the_include_statement()
    {
        using var folder = new TempConfigFolder();
        var main = folder.Write("main.conf", "a = 1\n  include required(\"not-there.conf\")");

        var error = Assert.Throws<HoconParseException>(() => HoconLoader.LoadFile(main, Hocon.NoEnvironment));

        Assert.Equal(main, error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("required include \"not-there.conf\" not found", error.Message);
    }

    [Theory]
    [InlineData("include file(\"part.conf\")")]
    [InlineData("include required(file(\"part.conf\"))")]
    [InlineData("include required( file( \"part.conf\" ) )")]
    [InlineData("include\n  \"part.conf\"")]
    [InlineData("include \"part\"")]
    public void Every_include_form_loads_the_file(string statement)
    {
        using var folder = new TempConfigFolder();
        folder.Write("part.conf", "included = true");
        var main = folder.Write("main.conf", statement);

        Assert.True(HoconLoader.LoadFile(main, Hocon.NoEnvironment).GetBoolean("included"));
    }

    [Fact]
    public void An_include_without_extension_loads_json_then_conf()
    {
        using var folder = new TempConfigFolder();
        folder.Write("settings.json", """{ "from-json": 1, "both": "json" }""");
        folder.Write("settings.conf", "from-conf = 2\nboth = conf");
        var main = folder.Write("main.conf", "include \"settings\"");

        var config = HoconLoader.LoadFile(main, Hocon.NoEnvironment);

        Assert.Equal("""{"both":"conf","from-conf":2,"from-json":1}""", Hocon.Canonical(config));
    }

    [Fact]
    public void A_file_url_include_is_a_file()
    {
        using var folder = new TempConfigFolder();
        var part = folder.Write("part.conf", "x = 1");
        var main = folder.Write("main.conf", $"include url(\"{new Uri(part).AbsoluteUri}\")");

        Assert.Equal(1, HoconLoader.LoadFile(main, Hocon.NoEnvironment).GetInt32("x"));
    }

    [Theory]
    [InlineData("include url(\"http://example.com/x.conf\")", "only files can be included")]
    [InlineData("include \"https://example.com/x.conf\"", "only files can be included")]
    [InlineData("include classpath(\"reference.conf\")", "classpath")]
    public void Network_and_classpath_includes_are_refused_with_a_clear_message(string statement, string expected)
    {
        using var folder = new TempConfigFolder();
        var main = folder.Write("main.conf", statement);

        var error = Assert.Throws<HoconParseException>(() => HoconLoader.LoadFile(main, Hocon.NoEnvironment));

        Assert.Contains(expected, error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void An_include_cycle_is_an_error_naming_the_chain()
    {
        using var folder = new TempConfigFolder();
        folder.Write("a.conf", "include \"b.conf\"");
        folder.Write("b.conf", "include \"a.conf\"");
        var main = folder.Write("main.conf", "include \"a.conf\"");

        var error = Assert.Throws<HoconParseException>(() => HoconLoader.LoadFile(main, Hocon.NoEnvironment));

        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", error.Message);
    }

    [Fact]
    public void An_included_file_whose_root_is_an_array_is_an_error()
    {
        using var folder = new TempConfigFolder();
        folder.Write("list.conf", "[1, 2]");
        var main = folder.Write("main.conf", "include \"list.conf\"");

        var error = Assert.Throws<HoconParseException>(() => HoconLoader.LoadFile(main, Hocon.NoEnvironment));

        Assert.EndsWith("list.conf", error.File);
    }

    [Fact]
    public void A_syntax_error_in_an_included_file_names_that_file()
    {
        using var folder = new TempConfigFolder();
        var broken = folder.Write("broken.conf", "ok = 1\nbad = [1,,2]");
        var main = folder.Write("main.conf", "include \"broken.conf\"");

        var error = Assert.Throws<HoconParseException>(() => HoconLoader.LoadFile(main, Hocon.NoEnvironment));

        Assert.Equal(broken, error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(10, error.Column);
    }
}
