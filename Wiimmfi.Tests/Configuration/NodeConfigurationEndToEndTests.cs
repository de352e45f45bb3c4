using Wiimmfi.Host.Configuration;

namespace Wiimmfi.Tests.Configuration;

/// <summary>
/// The path the host takes at start-up: <c>wiimmfi --config node.conf</c> with an environment override,
/// then options bound from the result, and <c>config show</c> reporting where each value came from.
/// </summary>
public class NodeConfigurationEndToEndTests
{
    [Fact]
    public void A_config_file_and_an_environment_override_bind_into_the_node_options_with_their_sources()
    {
        using var folder = new TempConfigFolder();
        var file = folder.Write("node.conf", """
            include "wiimmfi.conf"   # not next to this file: silently skipped, the node reads it anyway
            wiimmfi {
              node.name = "e2e"
              data-folder = ${?STATE_DIRECTORY}
              gpcm {
                port = 30900
                keep-alive-interval = 45s
                max-message-size = 32KiB
              }
              natneg.secondary-endpoints = [ "10.0.0.2:27901" ]
              nas.maintenance = yes
              actors.ask-timeout = 1500ms
            }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["STATE_DIRECTORY"] = "/var/lib/wfc-e2e",
            ["WIIMMFI__GPCM__PORT"] = "31900",
            ["WIIMMFI__SHARDING__PASSIVATE_IDLE_ENTITY_AFTER"] = "10m",
            ["UNRELATED"] = "ignored",
        };
        string[] args = ["--config", file, "--set", "wiimmfi.logging.level=Debug"];

        var configuration = NodeConfiguration.Build(args, environment);
        var options = NodeConfiguration.BindOptions(configuration);

        Assert.Equal("e2e", options.Node.Name);
        Assert.Equal("/var/lib/wfc-e2e", options.DataFolder);
        Assert.Equal(31900, options.Gpcm.Port);
        Assert.Equal(TimeSpan.FromSeconds(45), options.Gpcm.KeepAliveInterval);
        Assert.Equal(ByteSize.FromKibibytes(32), options.Gpcm.MaxMessageSize);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Gpcm.IdleTimeout);
        Assert.Equal(["10.0.0.2:27901"], options.NatNeg.SecondaryEndpoints);
        Assert.True(options.Nas.Maintenance);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.Actors.AskTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Sharding.PassivateIdleEntityAfter);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, options.Logging.Level);
        Assert.Equal(29901, options.Gpsp.Port);
        Assert.Empty(options.Validate());

        Assert.Equal("env WIIMMFI__GPCM__PORT", configuration.GetValueOrigin("wiimmfi:gpcm:port"));
        Assert.Equal($"{file}:7", configuration.GetValueOrigin("wiimmfi:gpcm:keep-alive-interval"));
        Assert.Equal("env STATE_DIRECTORY", configuration.GetValueOrigin("wiimmfi:data-folder"));
        Assert.Equal("env WIIMMFI__SHARDING__PASSIVATE_IDLE_ENTITY_AFTER", configuration.GetValueOrigin("wiimmfi:sharding:passivate-idle-entity-after"));
        Assert.Equal("command line --set wiimmfi.logging.level", configuration.GetValueOrigin("wiimmfi:logging:level"));
        Assert.Matches(@"hocon/wiimmfi\.conf:\d+$", configuration.GetValueOrigin("wiimmfi:gpsp:port"));

        var output = new StringWriter();
        var exitCode = new ConfigShowCommand(environment).Run(["config", "show", "--strict", .. args], output);
        Assert.Equal(ConfigShowCommand.ExitOk, exitCode);
        Assert.Contains("port = \"31900\"  # env WIIMMFI__GPCM__PORT", output.ToString());
        Assert.Contains($"keep-alive-interval = \"45s\"  # {file}:7", output.ToString());
        Assert.Contains("# --strict: no problems found.", output.ToString());
    }
}
