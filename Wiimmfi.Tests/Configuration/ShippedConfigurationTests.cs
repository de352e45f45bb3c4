using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>
/// hocon/wiimmfi.conf is the one documented list of settings: these tests keep it, the options classes
/// and the example files in step.
/// </summary>
public class ShippedConfigurationTests
{
    private static readonly Dictionary<string, string?> s_noEnvironment = [];

    private static string Shipped(string name) => Path.Combine(AppContext.BaseDirectory, NodeConfiguration.HoconFolder, name);

    [Fact]
    public void The_reference_defaults_are_the_options_class_defaults()
    {
        var bound = NodeConfiguration.BindOptions(NodeConfiguration.Build([], s_noEnvironment));

        Assert.Equal(JsonSerializer.Serialize(new WiimmfiOptions()), JsonSerializer.Serialize(bound));
        Assert.Empty(bound.Validate());
    }

    [Fact]
    public void Every_setting_in_the_reference_has_a_comment()
    {
        var lines = File.ReadAllLines(Shipped(NodeConfiguration.ReferenceFileName));
        var reference = HoconLoader.LoadFile(Shipped(NodeConfiguration.ReferenceFileName), Hocon.NoEnvironment);

        var undocumented = Leaves(reference, "")
            .Where(leaf => !lines[leaf.Value.Origin.Line - 2].TrimStart().StartsWith('#') && !lines[leaf.Value.Origin.Line - 1].Contains('#'))
            .Select(leaf => leaf.Path)
            .ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Every_option_has_a_setting_in_the_reference_and_every_setting_has_an_option()
    {
        var configuration = NodeConfiguration.Build([], s_noEnvironment);
        var reference = configuration.GetReferenceSettings()!;
        var optionKeys = OptionKeys(typeof(WiimmfiOptions), WiimmfiOptions.SectionName).ToList();

        var optionsWithoutSetting = optionKeys.Where(key => !reference.IsKnown(key)).ToList();
        var settingsWithoutOption = reference.Keys.Where(key => !optionKeys.Contains(key, StringComparer.OrdinalIgnoreCase)).ToList();

        Assert.Empty(optionsWithoutSetting);
        Assert.Empty(settingsWithoutOption);
    }

    [Fact]
    public void The_single_node_example_loads_cleanly_and_overrides_a_few_values()
    {
        var environment = new Dictionary<string, string?> { ["WIIMMFI_ADMIN_PASSWORD"] = "from-env" };
        var configuration = NodeConfiguration.Build(["--config", Shipped("single-node.conf")], environment);

        var options = NodeConfiguration.BindOptions(configuration);

        Assert.Empty(ConfigShow.FindProblems(configuration));
        Assert.Equal("wfc-single", options.Node.Name);
        Assert.Equal("/var/lib/wiimmfi", options.DataFolder);
        Assert.Equal(Path.Combine("/var/lib/wiimmfi", "wiimmfi.db"), options.SqliteFilePath);
        Assert.Equal(8080, options.Nas.Port);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Master.ServerExpiry);
        Assert.Equal("from-env", options.Management.Password);
        Assert.Equal(29900, options.Gpcm.Port);
        Assert.Equal("env WIIMMFI_ADMIN_PASSWORD", configuration.GetValueOrigin("wiimmfi:management:password"));
    }

    [Fact]
    public void The_cluster_node_example_loads_cleanly_and_configures_a_cluster()
    {
        var environment = new Dictionary<string, string?> { ["WIIMMFI_DB_PASSWORD"] = "pw", ["HOSTNAME"] = "wfc-7" };
        var configuration = NodeConfiguration.Build(["--config", Shipped("cluster-node.conf")], environment);

        var options = NodeConfiguration.BindOptions(configuration);

        Assert.Empty(ConfigShow.FindProblems(configuration));
        Assert.Equal("wfc-7", options.Node.Name);
        Assert.Equal(StoreKind.Postgres, options.Store.Kind);
        Assert.Equal("Host=db.internal;Database=wiimmfi;Username=wiimmfi;Password=pw", options.Store.ConnectionString);
        Assert.True(options.Cluster.Enabled);
        Assert.Equal(["wfc-1.internal:4053", "wfc-2.internal:4053"], options.Cluster.SeedNodes);
        Assert.Equal(["0.0.0.0:27902", "0.0.0.0:27903"], options.NatNeg.SecondaryEndpoints);
        Assert.Equal(300, options.Sharding.NumberOfShards);
        Assert.Equal("0.0.0.0", options.Management.Bind);
    }

    [Fact]
    public void The_examples_include_the_reference_so_they_load_on_their_own()
    {
        foreach (var example in new[] { "single-node.conf", "cluster-node.conf" })
        {
            var alone = HoconLoader.LoadFile(Shipped(example), Hocon.NoEnvironment);

            Assert.Equal(29900, alone.GetInt32("wiimmfi.gpcm.port"));
        }
    }

    private static IEnumerable<(string Path, HoconValue Value)> Leaves(HoconValue value, string path)
    {
        if (value is HoconObject { Count: > 0 } obj)
        {
            return obj.Keys.SelectMany(key => Leaves(obj[key], path.Length == 0 ? key : path + "." + key));
        }
        return [(path, value)];
    }

    /// <summary>The configuration keys the binder fills for an options type, by reflection.</summary>
    private static IEnumerable<string> OptionKeys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null || property.Name == "EqualityContract")
            {
                continue; // computed helpers such as SqliteFilePath are not settings
            }
            var name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name.ToLowerInvariant();
            var key = prefix + ":" + name;
            var propertyType = property.PropertyType;
            if (propertyType.IsClass && propertyType != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType))
            {
                foreach (var nested in OptionKeys(propertyType, key))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }
}
