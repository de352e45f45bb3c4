using Microsoft.Extensions.Configuration;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>HOCON as a Microsoft.Extensions.Configuration source: key mapping, arrays, errors, origins.</summary>
public class HoconConfigurationProviderTests
{
    [Fact]
    public void A_hocon_path_becomes_a_colon_separated_configuration_key()
    {
        using var folder = new TempConfigFolder();
        var path = folder.Write("node.conf", "wiimmfi.gpcm.port = 29900\nwiimmfi { gpcm { bind = \"0.0.0.0\" } }");

        var configuration = new ConfigurationBuilder().AddHoconFile(path).Build();

        Assert.Equal("29900", configuration["wiimmfi:gpcm:port"]);
        Assert.Equal("0.0.0.0", configuration["WIIMMFI:GPCM:BIND"]);
    }

    [Fact]
    public void Array_elements_become_indexed_keys()
    {
        using var folder = new TempConfigFolder();
        var path = folder.Write("node.conf", "seeds = [a, b]\nnested = [{ x = 1 }, [2, 3]]\nempty = []");

        var configuration = new ConfigurationBuilder().AddHoconFile(path).Build();

        Assert.Equal("a", configuration["seeds:0"]);
        Assert.Equal("b", configuration["seeds:1"]);
        Assert.Equal("1", configuration["nested:0:x"]);
        Assert.Equal("3", configuration["nested:1:1"]);
        Assert.Equal(["a", "b"], configuration.GetSection("seeds").Get<string[]>()!);
        Assert.Contains(configuration.AsEnumerable(), pair => pair.Key == "empty" && pair.Value is null);
    }

    [Fact]
    public void Scalars_become_their_text_and_null_becomes_no_value()
    {
        using var folder = new TempConfigFolder();
        var path = folder.Write("node.conf", "flag = on\nbig = 1e3\nnothing = null\ntext = \"two words\"");

        var configuration = new ConfigurationBuilder().AddHoconFile(path).Build();

        Assert.Equal("on", configuration["flag"]);
        Assert.Equal("1e3", configuration["big"]);
        Assert.Null(configuration["nothing"]);
        Assert.Equal("two words", configuration["text"]);
    }

    [Fact]
    public void A_missing_optional_file_is_an_empty_configuration_and_a_missing_required_one_stops_the_build()
    {
        var missing = Path.Combine(Path.GetTempPath(), "wiimmfi-no-such-" + Guid.NewGuid().ToString("N") + ".conf");

        Assert.Empty(new ConfigurationBuilder().AddHoconFile(missing, optional: true).Build().AsEnumerable());
        var error = Assert.Throws<HoconException>(() => new ConfigurationBuilder().AddHoconFile(missing).Build());
        Assert.Contains("configuration file not found", error.Message);
    }

    [Fact]
    public void A_malformed_file_stops_the_build_with_file_line_and_column()
    {
        using var folder = new TempConfigFolder();
        var path = folder.Write("node.conf", "wiimmfi {\n  gpcm {\n    port = [29900\n  }\n}");

        var error = Assert.Throws<HoconParseException>(() => new ConfigurationBuilder().AddHoconFile(path).Build());

        Assert.Equal(path, error.File);
        Assert.Equal(4, error.Line);
        Assert.Equal(3, error.Column);
    }

    [Fact]
    public void An_unresolved_substitution_stops_the_build_naming_the_path()
    {
        using var folder = new TempConfigFolder();
        var path = folder.Write("node.conf", "wiimmfi.store.connection-string = ${wiimmfi.secrets.db}");

        var error = Assert.Throws<HoconResolveException>(() => new ConfigurationBuilder().AddHoconFile(path).Build());

        Assert.Equal(HoconPath.Parse("wiimmfi.secrets.db"), error.Path);
        Assert.Contains($"{path}:1:35", error.Message);
    }

    [Fact]
    public void The_provider_knows_the_file_and_line_of_every_value()
    {
        using var folder = new TempConfigFolder();
        var path = folder.Write("node.conf", "wiimmfi {\n  gpcm.port = 1\n  seeds = [\n    a\n  ]\n}");
        var configuration = new ConfigurationBuilder().AddHoconFile(path).Build();

        Assert.Equal($"{path}:2", configuration.GetValueOrigin("wiimmfi:gpcm:port"));
        Assert.Equal($"{path}:4", configuration.GetValueOrigin("wiimmfi:seeds:0"));
        Assert.Null(configuration.GetValueOrigin("wiimmfi:nothing"));
    }
}
