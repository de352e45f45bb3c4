using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Node;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Host;

public sealed class NodeStartupTests
{
    [Fact]
    public async Task A_started_node_answers_alive_and_ready_and_lists_itself_as_the_only_member()
    {
        await using var node = await TestNode.StartAsync();

        var alive = await node.Management.GetAsync("health/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        var ready = await node.Management.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using (var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()))
        {
            Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
            Assert.Contains(body.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "store" && c.GetProperty("ok").GetBoolean());
        }

        using var members = JsonDocument.Parse(await node.Management.GetStringAsync("cluster/members"));
        var list = members.RootElement.GetProperty("members").EnumerateArray().ToList();
        Assert.Single(list);
        Assert.Equal("Up", list[0].GetProperty("status").GetString());
        Assert.Equal("test-node", list[0].GetProperty("nodeUid").GetString());
        Assert.Equal(members.RootElement.GetProperty("selfNode").GetString(), list[0].GetProperty("node").GetString());
    }

    [Fact]
    public async Task The_embedded_store_is_a_real_sqlite_file_in_the_data_folder()
    {
        await using var node = await TestNode.StartAsync();
        Assert.True(File.Exists(Path.Combine(node.Folder, "wiimmfi.db")));
    }

    [Fact]
    public async Task After_stop_the_management_port_is_closed()
    {
        var node = await TestNode.StartAsync();
        var management = node.Endpoint("management");
        var stopping = node.Node.StopAsync("test");
        await stopping;
        // After stop the management port is closed: nothing claims to be ready.
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(management));
        await node.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_shard_region_is_404()
    {
        await using var node = await TestNode.StartAsync();
        var response = await node.Management.GetAsync("cluster/shards/no-such-region");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Admin_routes_need_credentials()
    {
        await using var node = await TestNode.StartAsync(modules: [new ProbeModule()]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Management.GetAsync("admin/probe")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await node.Admin.GetAsync("admin/probe")).StatusCode);
    }

    [Fact]
    public async Task Admin_routes_are_refused_while_no_password_is_set()
    {
        await using var node = await TestNode.StartAsync(o => o with { Management = o.Management with { Password = "" } }, modules: [new ProbeModule()]);
        Assert.Equal(HttpStatusCode.Forbidden, (await node.Admin.GetAsync("admin/probe")).StatusCode);
    }

    [Fact]
    public async Task A_port_already_in_use_stops_start_up_with_a_message_naming_the_setting()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var error = await Assert.ThrowsAsync<NodeStartupException>(() =>
            TestNode.StartAsync(o => o with { Nas = o.Nas with { Port = port } }));
        Assert.Contains("wiimmfi.nas.port", error.Message);
        Assert.Contains("already in use", error.Message);
    }

    [Fact]
    public async Task Invalid_settings_stop_start_up_before_anything_is_bound()
    {
        var error = await Assert.ThrowsAsync<NodeStartupException>(() =>
            TestNode.StartAsync(o => o with { Sharding = new ShardingOptions { NumberOfShards = 0 } }));
        Assert.Contains("number-of-shards", error.Message);
    }

    /// <summary>A module with one admin route, to test the management API's credential check.</summary>
    private sealed class ProbeModule : NodeModule
    {
        public override string Name => "probe";

        public override void MapManagementRoutes(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder open,
            Microsoft.AspNetCore.Routing.IEndpointRouteBuilder admin, NodeContext node) =>
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(admin, "/probe", () => "ok");
    }
}
