using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>HOCON.md "Substitutions": lookup, order, optional substitutions, environment, cycles.</summary>
public class HoconSubstitutionTests
{
    [Fact]
    public void A_substitution_takes_the_value_at_an_absolute_path()
    {
        var config = Hocon.Parse("""
            wiimmfi { data-folder = /srv/wfc }
            backup { folder = ${wiimmfi.data-folder}/backup }
            """);

        Assert.Equal("/srv/wfc/backup", config.GetString("backup.folder"));
    }

    [Fact]
    public void A_substitution_looks_forward_and_sees_the_last_value_set()
    {
        var config = Hocon.Parse("""
            a = ${b}
            b = 1
            b = 2
            """);

        Assert.Equal(2, config.GetInt32("a"));
    }

    [Fact]
    public void A_substitution_in_the_first_file_sees_a_value_set_in_a_later_file()
    {
        using var folder = new TempConfigFolder();
        var reference = folder.Write("reference.conf", "data-folder = data\nsqlite = ${data-folder}/wiimmfi.db");
        var application = folder.Write("application.conf", "data-folder = /var/lib/wiimmfi");

        var config = HoconLoader.LoadFiles([reference, application], Hocon.NoEnvironment);

        Assert.Equal("/var/lib/wiimmfi/wiimmfi.db", config.GetString("sqlite"));
    }

    [Fact]
    public void A_lone_substitution_keeps_the_type_of_its_target()
    {
        var config = Hocon.Parse("""
            n = 42
            t = true
            o { x = 1 }
            l = [1, 2]
            copy { n = ${n}, t = ${t}, o = ${o}, l = ${l} }
            """);

        Assert.Equal(HoconValueKind.Number, config.Find("copy.n")!.Kind);
        Assert.Equal(HoconValueKind.Boolean, config.Find("copy.t")!.Kind);
        Assert.Equal("""{"x":1}""", Hocon.Canonical(config.Find("copy.o")!));
        Assert.Equal("[1,2]", Hocon.Canonical(config.Find("copy.l")!));
    }

    [Fact]
    public void Substitutions_are_not_expanded_inside_quoted_strings()
    {
        Assert.Equal("${a}", Hocon.Parse("a = 1\nb = \"${a}\"").GetString("b"));
    }

    [Fact]
    public void A_missing_required_substitution_names_the_path_file_line_and_column()
    {
        var error = Assert.Throws<HoconResolveException>(() => Hocon.Parse("a = 1\nb {\n  c = ${wiimmfi.no-such}\n}"));

        Assert.Equal(HoconPath.Parse("wiimmfi.no-such"), error.Path);
        Assert.Equal(new HoconOrigin("test.conf", 3, 7), error.Origin);
        Assert.StartsWith("test.conf:3:7: unresolved substitution ${wiimmfi.no-such}", error.Message);
    }

    [Fact]
    public void A_missing_substitution_falls_back_to_the_environment_variable_of_that_name()
    {
        var environment = new Dictionary<string, string?> { ["DB_HOST"] = "db.internal" };

        var config = Hocon.Parse("host = ${DB_HOST}\nurl = \"Host=\"${DB_HOST}", environment);

        Assert.Equal("db.internal", config.GetString("host"));
        Assert.Equal("env DB_HOST", config["host"].Origin.Source);
        Assert.Equal("Host=db.internal", config.GetString("url"));
    }

    [Fact]
    public void An_environment_variable_set_to_an_empty_string_counts_as_set()
    {
        var environment = new Dictionary<string, string?> { ["EMPTY"] = "" };

        var config = Hocon.Parse("a = default\na = ${?EMPTY}", environment);

        Assert.Equal("", config.GetString("a"));
    }

    [Fact]
    public void A_key_set_to_null_blocks_the_environment_fallback()
    {
        var environment = new Dictionary<string, string?> { ["HOME"] = "/home/someone" };

        var config = Hocon.Parse("HOME : null\nhome = ${HOME}", environment);

        Assert.Equal(HoconValueKind.Null, config["home"].Kind);
    }

    [Fact]
    public void A_missing_optional_substitution_leaves_no_field_and_no_array_element()
    {
        var config = Hocon.Parse("""
            a = ${?nope}
            b = ${?nope}${?nada}
            list = [1, ${?nope}, 2]
            """);

        Assert.False(config.TryGetField("a", out _));
        Assert.False(config.TryGetField("b", out _));
        Assert.Equal("[1,2]", Hocon.Canonical(config["list"]));
    }

    [Fact]
    public void A_missing_optional_substitution_keeps_the_value_it_would_have_replaced()
    {
        var environment = new Dictionary<string, string?> { ["PORT"] = "8080" };

        var config = Hocon.Parse("port = 80\nport = ${?NO_SUCH_VARIABLE}\nother = 80\nother = ${?PORT}", environment);

        Assert.Equal(80, config.GetInt32("port"));
        Assert.Equal(8080, config.GetInt32("other"));
    }

    [Fact]
    public void A_missing_optional_substitution_is_empty_inside_a_string()
    {
        Assert.Equal("a  b", Hocon.Parse("x = a ${?nope} b").GetString("x"));
    }

    [Fact]
    public void An_object_may_refer_to_its_own_fields()
    {
        var config = Hocon.Parse("""
            bar : { foo : 42,
                    baz : ${bar.foo}
                  }
            """);

        Assert.Equal(42, config.GetInt32("bar.baz"));
    }

    [Fact]
    public void An_object_referring_to_its_own_field_sees_the_later_value_of_that_field()
    {
        var config = Hocon.Parse("""
            bar : { foo : 42,
                    baz : ${bar.foo}
                  }
            bar : { foo : 43 }
            """);

        Assert.Equal(43, config.GetInt32("bar.baz"));
    }

    [Fact]
    public void Mutually_referring_objects_look_forward_as_in_the_specification()
    {
        var config = Hocon.Parse("""
            // bar.a should end up as 4
            bar : { a : ${foo.d}, b : 1 }
            bar.b = 3
            // foo.c should end up as 3
            foo : { c : ${bar.b}, d : 2 }
            foo.d = 4
            """);

        Assert.Equal(4, config.GetInt32("bar.a"));
        Assert.Equal(3, config.GetInt32("foo.c"));
    }

    [Fact]
    public void Two_substitutions_that_point_at_each_other_are_a_cycle_error()
    {
        var error = Assert.Throws<HoconCycleException>(() => Hocon.Parse("bar : ${foo}\nfoo : ${bar}"));

        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void A_three_step_loop_is_a_cycle_error()
    {
        var error = Assert.Throws<HoconCycleException>(() => Hocon.Parse("a : ${b}\nb : ${c}\nc : ${a}"));

        Assert.Contains("a = ${b} -> b = ${c} -> c = ${a}", error.Message);
    }

    [Fact]
    public void An_object_or_array_that_contains_a_reference_to_itself_is_a_cycle_error()
    {
        Assert.Throws<HoconCycleException>(() => Hocon.Parse("a : { b : ${a} }"));
        Assert.Throws<HoconCycleException>(() => Hocon.Parse("a : [ ${a} ]"));
    }

    [Fact]
    public void Optional_substitutions_in_a_cycle_count_as_missing()
    {
        var config = Hocon.Parse("a : ${?b}\nb : ${?a}\nc = 1");

        Assert.Equal(["c"], config.Keys);
    }

    [Fact]
    public void Two_fields_that_refer_to_each_other_after_earlier_values_get_the_same_value()
    {
        // HOCON.md allows 1 or 2 (or an error) here, but both fields must agree.
        var config = Hocon.Parse("a : 1\nb : 2\na : ${b}\nb : ${a}");

        Assert.Equal(config.GetInt32("a"), config.GetInt32("b"));
    }

    [Fact]
    public void A_substitution_through_another_substitution_resolves()
    {
        var config = Hocon.Parse("""
            base { port = 1 }
            gpcm = ${base}
            copy = ${gpcm.port}
            """);

        Assert.Equal(1, config.GetInt32("copy"));
    }

    [Fact]
    public void A_substitution_into_a_scalar_path_is_missing()
    {
        var error = Assert.Throws<HoconResolveException>(() => Hocon.Parse("a = 1\nb = ${a.c}"));

        Assert.Equal(HoconPath.Parse("a.c"), error.Path);
    }
}
