using System.Net;
using System.Text.Json;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Host;

/// <summary><c>POST /admin/gc</c>: the operator's (and the memory figures') way to see live memory without garbage.</summary>
public sealed class GcRouteTests
{
    [Fact]
    public async Task A_forced_collection_answers_the_live_heap_and_the_process_memory_and_needs_admin_credentials()
    {
        await using var node = await TestNode.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Management.PostAsync("admin/gc", null)).StatusCode);
        var answer = await node.Admin.PostAsync("admin/gc", null);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var report = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var heap = report.RootElement.GetProperty("heapSizeBytes").GetInt64();
        Assert.True(heap > 0, "the live heap is not empty in a running node");
        Assert.True(report.RootElement.GetProperty("committedBytes").GetInt64() >= heap);
        Assert.True(report.RootElement.GetProperty("workingSetBytes").GetInt64() > heap);
    }
}
