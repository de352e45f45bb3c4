using Microsoft.Extensions.Configuration;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>
/// The node's configuration order: hocon/wiimmfi.conf, then --config, then WIIMMFI__* environment
/// variables, then the command line; each later source wins.
/// </summary>
public class NodeConfigurationTests
{
    private static readonly Dictionary<string, string?> s_noEnvironment = [];

    [Fact]
    public void Without_overrides_the_node_gets_the_reference_defaults_from_next_to_the_executable()
    {
        var configuration = NodeConfiguration.Build([], s_noEnvironment);

        Assert.Equal("29900", configuration["wiimmfi:gpcm:port"]);
        Assert.EndsWith(Path.Combine("hocon", "wiimmfi.conf") + ":" + LineOf("port = 29900"), configuration.GetValueOrigin("wiimmfi:gpcm:port"));
    }

    [Fact]
    public void Each_source_overrides_the_one_before_it()
    {
        using var folder = new TempConfigFolder();
        var file = folder.Write("node.conf", "wiimmfi.gpcm.port = 1001\nwiimmfi.gpsp.port = 1001\nwiimmfi.ms.port = 1001");
        var environment = new Dictionary<string, string?>
        {
            ["WIIMMFI__GPSP__PORT"] = "2002",
            ["WIIMMFI__MS__PORT"] = "2002",
        };

        var configuration = NodeConfiguration.Build(["--config", file, "--set", "wiimmfi.ms.port=3003"], environment);

        Assert.Equal("27900", configuration["wiimmfi:master:port"]); // reference
        Assert.Equal("1001", configuration["wiimmfi:gpcm:port"]);    // --config
        Assert.Equal("2002", configuration["wiimmfi:gpsp:port"]);    // environment
        Assert.Equal("3003", configuration["wiimmfi:ms:port"]);      // command line
        Assert.Equal($"{file}:1", configuration.GetValueOrigin("wiimmfi:gpcm:port"));
        Assert.Equal("env WIIMMFI__GPSP__PORT", configuration.GetValueOrigin("wiimmfi:gpsp:port"));
        Assert.Equal("command line --set wiimmfi.ms.port", configuration.GetValueOrigin("wiimmfi:ms:port"));
    }

    [Fact]
    public void A_substitution_in_the_reference_sees_a_value_from_the_config_file()
    {
        using var folder = new TempConfigFolder();
        folder.Write("hocon/wiimmfi.conf", "wiimmfi { data-folder = data\n  log-file = ${wiimmfi.data-folder}/node.log }");
        var file = folder.Write("node.conf", "wiimmfi.data-folder = /srv/wfc");

        var configuration = NodeConfiguration.Build(["--config", file], s_noEnvironment, folder.Path);

        Assert.Equal("/srv/wfc/node.log", configuration["wiimmfi:log-file"]);
    }

    [Theory]
    [InlineData("WIIMMFI__GPCM__PORT")]
    [InlineData("wiimmfi__gpcm__port")]
    [InlineData("Wiimmfi__Gpcm__Port")]
    public void Environment_variable_names_are_case_insensitive(string name)
    {
        var configuration = NodeConfiguration.Build([], new Dictionary<string, string?> { [name] = "30000" });

        Assert.Equal("30000", configuration["wiimmfi:gpcm:port"]);
        Assert.Equal($"env {name}", configuration.GetValueOrigin("wiimmfi:gpcm:port"));
    }

    [Fact]
    public void An_underscore_inside_an_environment_segment_stands_for_a_hyphen()
    {
        var environment = new Dictionary<string, string?>
        {
            ["WIIMMFI__GPCM__KEEP_ALIVE_INTERVAL"] = "15s",
            ["WIIMMFI__NATNEG__SECONDARY_ENDPOINTS__0"] = "10.0.0.2:27901",
        };

        var options = NodeConfiguration.BindOptions(NodeConfiguration.Build([], environment));

        Assert.Equal(TimeSpan.FromSeconds(15), options.Gpcm.KeepAliveInterval);
        Assert.Equal(["10.0.0.2:27901"], options.NatNeg.SecondaryEndpoints);
    }

    [Fact]
    public void Unrelated_environment_variables_are_not_imported()
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = "/usr/bin", ["GPCM__PORT"] = "1", ["WIIMMFIX__A"] = "1" };

        var configuration = NodeConfiguration.Build([], environment);

        Assert.Null(configuration["PATH"]);
        Assert.Null(configuration["GPCM:PORT"]);
        Assert.DoesNotContain(configuration.AsEnumerable(), pair => pair.Key.StartsWith("WIIMMFIX", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_hocon_environment_substitution_uses_the_same_environment()
    {
        using var folder = new TempConfigFolder();
        var file = folder.Write("node.conf", "wiimmfi.management.password = ${?ADMIN_PASSWORD}");

        var configuration = NodeConfiguration.Build(["--config", file], new Dictionary<string, string?> { ["ADMIN_PASSWORD"] = "s3cret" });

        Assert.Equal("s3cret", configuration["wiimmfi:management:password"]);
        Assert.Equal("env ADMIN_PASSWORD", configuration.GetValueOrigin("wiimmfi:management:password"));
    }

    [Theory]
    [InlineData(new[] { "--wiimmfi:gpcm:port=1234" }, "command line --wiimmfi:gpcm:port")]
    [InlineData(new[] { "--wiimmfi:gpcm:port", "1234" }, "command line --wiimmfi:gpcm:port")]
    [InlineData(new[] { "--set", "wiimmfi.gpcm.port=1234" }, "command line --set wiimmfi.gpcm.port")]
    [InlineData(new[] { "--set=wiimmfi.gpcm.port=1234" }, "command line --set wiimmfi.gpcm.port")]
    public void The_command_line_sets_values_in_either_form(string[] args, string origin)
    {
        var configuration = NodeConfiguration.Build(args, new Dictionary<string, string?> { ["WIIMMFI__GPCM__PORT"] = "9" });

        Assert.Equal("1234", configuration["wiimmfi:gpcm:port"]);
        Assert.Equal(origin, configuration.GetValueOrigin("wiimmfi:gpcm:port"));
    }

    [Fact]
    public void Cli_verbs_and_their_options_are_not_mistaken_for_settings()
    {
        var configuration = NodeConfiguration.Build(["config", "show", "--strict", "--format", "json"], s_noEnvironment);

        Assert.Null(configuration["format"]);
        Assert.Null(configuration["strict"]);
        Assert.Empty(ConfigShow.FindUnknownSettings(configuration));
    }

    [Fact]
    public void A_set_value_is_taken_literally_and_a_set_path_may_quote_a_segment()
    {
        var configuration = NodeConfiguration.Build(
            ["--set", "wiimmfi.store.connection-string=Host=db;Password=x", "--set", "wiimmfi.extra.\"a.b\"=1"], s_noEnvironment);

        Assert.Equal("Host=db;Password=x", configuration["wiimmfi:store:connection-string"]);
        Assert.Equal("1", configuration["wiimmfi:extra:a.b"]);
    }

    [Theory]
    [InlineData(new[] { "--set" }, "--set needs a value")]
    [InlineData(new[] { "--set", "wiimmfi.gpcm.port" }, "--set expects path=value")]
    [InlineData(new[] { "--set", "wiimmfi..port=1" }, "empty path element")]
    [InlineData(new[] { "--config" }, "--config needs a value")]
    public void A_malformed_switch_is_a_clear_error(string[] args, string expected)
    {
        var error = Assert.Throws<HoconException>(() => NodeConfiguration.Build(args, s_noEnvironment));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_missing_config_file_is_a_clear_error()
    {
        var error = Assert.Throws<HoconException>(() => NodeConfiguration.Build(["--config", "/nonexistent/node.conf"], s_noEnvironment));

        Assert.Contains("configuration file given with --config not found: /nonexistent/node.conf", error.Message);
    }

    [Fact]
    public void A_missing_reference_file_is_a_clear_error()
    {
        using var folder = new TempConfigFolder();

        var error = Assert.Throws<HoconException>(() => NodeConfiguration.Build([], s_noEnvironment, folder.Path));

        Assert.Contains("wiimmfi.conf is missing", error.Message);
    }

    [Fact]
    public void A_malformed_config_file_stops_start_up_with_file_line_and_column()
    {
        using var folder = new TempConfigFolder();
        var file = folder.Write("node.conf", "wiimmfi {\n  gpcm.port = 29900\n  gpsp.port = \"29901\n}");

        var error = Assert.Throws<HoconParseException>(() => NodeConfiguration.Build(["--config", file], s_noEnvironment));

        Assert.Equal($"{file}:3:15: quoted string is not closed on its line (use \"\"\"…\"\"\" for text over several lines)", error.Message);
    }

    [Fact]
    public void A_web_host_configuration_manager_can_take_the_node_sources()
    {
        var manager = new ConfigurationManager();
        manager.Sources.Clear();

        manager.AddNodeConfiguration(["--set", "wiimmfi.gpcm.port=1"], new Dictionary<string, string?> { ["WIIMMFI__GPSP__PORT"] = "2" });

        Assert.Equal("1", manager["wiimmfi:gpcm:port"]);
        Assert.Equal("env WIIMMFI__GPSP__PORT", ((IConfigurationRoot)manager).GetValueOrigin("wiimmfi:gpsp:port"));
        Assert.Equal(27900, NodeConfiguration.BindOptions(manager).Master.Port);
    }

    private static int LineOf(string text)
    {
        var lines = File.ReadAllLines(NodeConfiguration.ReferenceFilePath());
        return Array.FindIndex(lines, line => line.Trim() == text) + 1;
    }
}
