using System.Text.Json;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary><c>wiimmfi config show</c>: effective values, their sources, masking and --strict.</summary>
public class ConfigShowTests
{
    private static readonly Dictionary<string, string?> s_noEnvironment = [];

    private static (int ExitCode, string Output, string Error) Run(string[] args, Dictionary<string, string?>? environment = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = new ConfigShowCommand(environment ?? s_noEnvironment).Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Hocon_output_gives_every_value_with_the_file_and_line_it_came_from()
    {
        using var folder = new TempConfigFolder();
        var file = folder.Write("node.conf", "wiimmfi {\n  gpcm.port = 30000\n  nas.maintenance = on\n}");

        var (exitCode, output, _) = Run(["config", "show", "--config", file],
            new Dictionary<string, string?> { ["WIIMMFI__GPSP__PORT"] = "30001" });

        Assert.Equal(ConfigShowCommand.ExitOk, exitCode);
        Assert.Contains($"port = 30000  # {file}:2", output);
        Assert.Contains($"maintenance = \"on\"  # {file}:3", output);
        Assert.Contains("port = \"30001\"  # env WIIMMFI__GPSP__PORT", output);
        Assert.Matches(@"ask-timeout = ""5s""  # .*hocon/wiimmfi\.conf:\d+", output);
        Assert.Contains("secondary-endpoints = []  # ", output);
    }

    [Fact]
    public void Hocon_output_is_itself_valid_hocon_with_the_same_values()
    {
        var (_, output, _) = Run(["config", "show", "--set", "wiimmfi.cluster.seed-nodes.0=a:4053"]);

        var reparsed = Hocon.Parse(output);

        Assert.Equal(29900, reparsed.GetInt32("wiimmfi.gpcm.port"));
        Assert.Equal(TimeSpan.FromSeconds(5), reparsed.GetDuration("wiimmfi.actors.ask-timeout"));
        Assert.Equal(["a:4053"], reparsed.GetStringList("wiimmfi.cluster.seed-nodes"));
        Assert.False(reparsed.GetBoolean("wiimmfi.cluster.enabled"));
    }

    [Fact]
    public void Json_output_is_json_with_values_and_a_source_per_setting()
    {
        var (exitCode, output, _) = Run(["config", "show", "--format", "json", "--wiimmfi:gpcm:port=30000"]);

        Assert.Equal(ConfigShowCommand.ExitOk, exitCode);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var configuration = root.GetProperty("configuration").GetProperty("wiimmfi");
        Assert.Equal("30000", configuration.GetProperty("gpcm").GetProperty("port").GetString());
        Assert.Equal(29901, configuration.GetProperty("gpsp").GetProperty("port").GetInt32());
        Assert.Equal("off", configuration.GetProperty("cluster").GetProperty("enabled").GetString());
        Assert.Equal(JsonValueKind.Array, configuration.GetProperty("cluster").GetProperty("seed-nodes").ValueKind);
        Assert.Equal("command line --wiimmfi:gpcm:port", root.GetProperty("sources").GetProperty("wiimmfi.gpcm.port").GetString());
        Assert.False(root.TryGetProperty("problems", out _));
    }

    [Fact]
    public void Secrets_are_masked_but_an_empty_secret_shows_as_empty()
    {
        var environment = new Dictionary<string, string?>
        {
            ["WIIMMFI__MANAGEMENT__PASSWORD"] = "hunter2",
            ["WIIMMFI__STORE__CONNECTION_STRING"] = "Host=db;Username=wfc;Password=hunter3;Database=wfc",
        };

        var (_, hocon, _) = Run(["config", "show"], environment);
        var (_, json, _) = Run(["config", "show", "--format=json"], environment);
        var (_, unset, _) = Run(["config", "show"]);

        foreach (var output in new[] { hocon, json })
        {
            Assert.DoesNotContain("hunter2", output);
            Assert.DoesNotContain("hunter3", output);
            Assert.Contains("Host=db;Username=wfc;Password=********;Database=wfc", output);
        }
        Assert.Contains("password = \"********\"  # env WIIMMFI__MANAGEMENT__PASSWORD", hocon);
        Assert.Contains("password = \"\"  # ", unset);
    }

    [Fact]
    public void A_secret_given_on_the_command_line_is_not_echoed_in_its_source()
    {
        var (_, output, _) = Run(["config", "show", "--wiimmfi:management:password=hunter2", "--set", "wiimmfi.management.username=root"]);

        Assert.DoesNotContain("hunter2", output);
        Assert.Contains("password = \"********\"  # command line --wiimmfi:management:password", output);
    }

    [Fact]
    public void Strict_reports_unknown_settings_with_their_source_and_a_likely_fix()
    {
        using var folder = new TempConfigFolder();
        var file = folder.Write("node.conf", "wiimmfi {\n  gpcm.prot = 30000\n  brand-new = 1\n}");

        var (exitCode, output, _) = Run(["config", "show", "--strict", "--config", file],
            new Dictionary<string, string?> { ["WIIMMFI__GPSP__PORTT"] = "1" });

        Assert.Equal(ConfigShowCommand.ExitStrictProblems, exitCode);
        Assert.Contains($"unknown setting wiimmfi.gpcm.prot ({file}:2); did you mean wiimmfi.gpcm.port?", output);
        Assert.Contains($"unknown setting wiimmfi.brand-new ({file}:3)", output);
        Assert.Contains("unknown setting wiimmfi.gpsp.portt (env WIIMMFI__GPSP__PORTT); did you mean wiimmfi.gpsp.port?", output);
    }

    [Fact]
    public void Strict_reports_values_that_do_not_bind_and_settings_that_do_not_fit_together()
    {
        var (exitCode, output, _) = Run(["config", "show", "--strict",
            "--set", "wiimmfi.gpcm.idle-timeout=5 fortnights", "--set", "wiimmfi.cluster.enabled=on"]);

        Assert.True(exitCode == ConfigShowCommand.ExitStrictProblems, output);
        Assert.Contains("#   wiimmfi.gpcm.idle-timeout: '5 fortnights' has an unknown duration unit 'fortnights'", output);
        Assert.Contains("(command line --set wiimmfi.gpcm.idle-timeout)", output);

        var (_, combination, _) = Run(["config", "show", "--strict", "--set", "wiimmfi.cluster.enabled=on"]);
        Assert.Contains("wiimmfi.cluster.enabled = on needs wiimmfi.store.kind = postgres", combination);
    }

    [Fact]
    public void Strict_with_a_clean_configuration_succeeds_and_says_so()
    {
        var (exitCode, output, _) = Run(["config", "show", "--strict"]);

        Assert.Equal(ConfigShowCommand.ExitOk, exitCode);
        Assert.Contains("# --strict: no problems found.", output);
    }

    [Fact]
    public void Without_strict_unknown_settings_are_shown_but_not_reported()
    {
        var (exitCode, output, _) = Run(["config", "show", "--set", "wiimmfi.gpcm.prot=1"]);

        Assert.Equal(ConfigShowCommand.ExitOk, exitCode);
        Assert.Contains("prot = \"1\"", output);
        Assert.DoesNotContain("unknown setting", output);
    }

    [Fact]
    public void Strict_problems_appear_in_json_output_too()
    {
        var (_, output, _) = Run(["config", "show", "--strict", "--format", "json", "--set", "wiimmfi.gpcm.prot=1"]);

        using var document = JsonDocument.Parse(output);
        var problems = document.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains(problems, p => p!.StartsWith("unknown setting wiimmfi.gpcm.prot", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_file_prints_one_error_line_and_exits_with_1()
    {
        using var folder = new TempConfigFolder();
        var file = folder.Write("node.conf", "wiimmfi.gpcm.port = [");

        var (exitCode, output, error) = Run(["config", "show", "--config", file]);

        Assert.Equal(ConfigShowCommand.ExitConfigurationError, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"configuration error: {file}:1:22: the array opened at line 1, column 21 is not closed with ']'{Environment.NewLine}", error);
    }

    [Fact]
    public void An_unknown_format_is_refused()
    {
        var (exitCode, _, error) = Run(["config", "show", "--format", "yaml"]);

        Assert.Equal(ConfigShowCommand.ExitConfigurationError, exitCode);
        Assert.Contains("unknown --format 'yaml'", error);
    }

    [Fact]
    public void Render_and_the_command_print_the_same_text()
    {
        var configuration = NodeConfiguration.Build([], s_noEnvironment);

        var (_, output, _) = Run(["config", "show"]);

        Assert.Equal(ConfigShow.Render(configuration, ConfigShowFormat.Hocon), output);
    }

    [Theory]
    [InlineData("wiimmfi:management:password", true)]
    [InlineData("wiimmfi:cluster:shared-secret", true)]
    [InlineData("wiimmfi:api:token", true)]
    [InlineData("wiimmfi:games:mariokartwii:secret-key", true)]
    [InlineData("wiimmfi:management:username", false)]
    [InlineData("wiimmfi:gpcm:port", false)]
    public void Secret_settings_are_recognised_by_name(string key, bool secret)
    {
        Assert.Equal(secret, SecretSettings.IsSecret(key));
    }

    [Fact]
    public void Unparseable_output_would_be_caught_by_the_reader()
    {
        // Guard for the test above: the reader used to re-read config show output rejects broken HOCON.
        Assert.Throws<HoconParseException>(() => Hocon.Parse("wiimmfi { port = 1  # unclosed"));
    }
}
