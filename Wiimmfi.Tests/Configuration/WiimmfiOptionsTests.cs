using Wiimmfi.Host.Configuration;

namespace Wiimmfi.Tests.Configuration;

/// <summary>What <see cref="WiimmfiOptions.Validate"/> refuses before the node starts.</summary>
public class WiimmfiOptionsTests
{
    private static IReadOnlyList<string> Problems(params string[] settings)
    {
        var args = settings.SelectMany(setting => new[] { "--set", setting }).ToArray();
        return NodeConfiguration.BindOptions(NodeConfiguration.Build(args, new Dictionary<string, string?>())).Validate();
    }

    [Fact]
    public void A_port_outside_the_port_range_is_refused_but_zero_means_any_free_port()
    {
        Assert.Equal(["wiimmfi.gpcm.port = 70000 is not a port (1-65535, or 0 for any free port)"], Problems("wiimmfi.gpcm.port=70000"));
        Assert.Empty(Problems("wiimmfi.gpcm.port=0"));
    }

    [Fact]
    public void More_than_three_natneg_endpoints_are_refused()
    {
        var problems = Problems("wiimmfi.natneg.secondary-endpoints.0=10.0.0.1:1", "wiimmfi.natneg.secondary-endpoints.1=10.0.0.2:1",
            "wiimmfi.natneg.secondary-endpoints.2=10.0.0.3:1");

        Assert.Single(problems);
        Assert.Contains("at most 2", problems[0]);
    }

    [Fact]
    public void Postgres_needs_a_connection_string_and_a_cluster_needs_postgres()
    {
        Assert.Equal(["wiimmfi.store.kind = postgres needs wiimmfi.store.connection-string"], Problems("wiimmfi.store.kind=postgres"));
        Assert.Equal(["wiimmfi.cluster.enabled = on needs wiimmfi.store.kind = postgres (the cluster coordinates through it)"],
            Problems("wiimmfi.cluster.enabled=on"));
        Assert.Empty(Problems("wiimmfi.cluster.enabled=on", "wiimmfi.store.kind=postgres", "wiimmfi.store.connection-string=Host=db"));
    }

    [Fact]
    public void Runtime_numbers_must_be_positive()
    {
        var problems = Problems("wiimmfi.actors.throughput=0", "wiimmfi.sharding.number-of-shards=0", "wiimmfi.gpcm.max-message-size=100");

        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void The_sqlite_file_lies_in_the_data_folder_unless_absolute()
    {
        var relative = NodeConfiguration.BindOptions(NodeConfiguration.Build(["--set", "wiimmfi.data-folder=/srv"], new Dictionary<string, string?>()));
        var absolute = relative with { Store = relative.Store with { SqliteFile = "/elsewhere/x.db" } };

        Assert.Equal("/srv/wiimmfi.db", relative.SqliteFilePath);
        Assert.Equal("/elsewhere/x.db", absolute.SqliteFilePath);
    }
}
