using System.Text.Json;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Configuration;

/// <summary>
/// The real executable, configured the way an operator would: a HOCON file given with <c>--config</c>, an environment
/// variable and command-line switches, each winning over the one before, and what the node then does.
/// </summary>
public sealed class HostConfigurationProcessTests
{
    [Fact]
    public async Task A_node_started_with_a_config_file_and_an_environment_override_runs_with_both()
    {
        var configFile = Path.Combine(Path.GetTempPath(), $"wiimmfi-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(configFile, """
            include "wiimmfi.conf"
            wiimmfi {
              node.name = "configured-by-file"
              nas.maintenance = off
            }
            """);
        try
        {
            // The file turns maintenance off, the environment turns it on again: the environment wins.
            await using var node = await NodeProcess.StartAsync("run", [],
                new Dictionary<string, string> { ["WIIMMFI__NAS__MAINTENANCE"] = "on" }, ["--config", configFile]);
            using var members = JsonDocument.Parse(await new HttpClient().GetStringAsync(node.ManagementUri("cluster/members")));
            Assert.Equal("configured-by-file", members.RootElement.GetProperty("members")[0].GetProperty("nodeUid").GetString());

            using var nas = new NasClient(node.Endpoint("nas"));
            var answer = await nas.LoginAsync(EmulatedConsole.CreateWii());
            Assert.Equal("101", answer.ReturnCode);
        }
        finally
        {
            File.Delete(configFile);
        }
    }
}
