using System.Net;
using System.Text;
using Wiimmfi.ConsoleEmulator.Dls1;
using Wiimmfi.Host.Modules.Dls1;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Services;

/// <summary>DLS1 over real HTTP, with the form a DS or Wii game posts, on files in the node's DLS1 folder.</summary>
public sealed class Dls1HttpTests
{
    private static string GameFolder(TestNode node, string code)
    {
        var folder = Path.Combine(node.Node.Context.Services.Get<Dls1Folder>().Root, code);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Text(byte[] body) => Encoding.UTF8.GetString(body);

    [Fact]
    public async Task Count_list_and_contents_serve_the_list_file_with_attribute_filters_and_paging()
    {
        await using var node = await ServiceNodes.StartAsync();
        var folder = GameFolder(node, "ABCE");
        await File.WriteAllBytesAsync(Path.Combine(folder, "gift1.bin"), [1, 2, 3]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "gift2.bin"), [4, 5]);
        await File.WriteAllTextAsync(Path.Combine(folder, "_list.txt"),
            "gift1.bin\tVABpAHQAbABl\tEU\tA\t\t3\r\ngift2.bin\t\tEU\tB\t\t2\r\nbroken line\r\ngift3.bin\t\tUS\tA\t\t9\r\n");
        using var client = new Dls1Client(node.Http());

        var count = await client.PostAsync(Dls1Client.Form("count", "ABCE"));
        var countEu = await client.PostAsync(Dls1Client.Form("count", "ABCE", ("attr1", "EU")));
        var list = await client.PostAsync(Dls1Client.Form("list", "ABCE", ("attr1", "EU"), ("offset", "1"), ("num", "5")));
        var none = await client.PostAsync(Dls1Client.Form("list", "ABCE", ("attr2", "Z")));
        var contents = await client.PostAsync(Dls1Client.Form("contents", "ABCE", ("contents", "gift1.bin")));

        Assert.Equal("3", Text(count.Body));
        Assert.Equal("2", Text(countEu.Body));
        Assert.Equal("gift2.bin\t\tEU\tB\t\t2\r\n", Text(list.Body));
        Assert.Equal("\r\n", Text(none.Body));
        Assert.Equal(HttpStatusCode.OK, contents.Status);
        Assert.Equal(new byte[] { 1, 2, 3 }, contents.Body);
        Assert.Equal("application/x-dsdl", contents.ContentHeaders.ContentType?.MediaType);
        Assert.Contains("gift1.bin", contents.Header("Content-Disposition"));
    }

    [Fact]
    public async Task Without_a_list_file_every_file_is_listed_by_name_and_a_missing_folder_counts_zero()
    {
        await using var node = await ServiceNodes.StartAsync();
        var folder = GameFolder(node, "IRBO");
        await File.WriteAllBytesAsync(Path.Combine(folder, "b.myg"), new byte[10]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "a.myg"), new byte[20]);
        using var client = new Dls1Client(node.Http());

        var list = await client.PostAsync(Dls1Client.Form("list", "IRBO"));
        var missing = await client.PostAsync(Dls1Client.Form("count", "ZZZZ"));

        Assert.Equal("a.myg\t\t\t\t\t20\r\nb.myg\t\t\t\t\t10\r\n", Text(list.Body));
        Assert.Equal("0", Text(missing.Body));
    }

    [Fact]
    public async Task Traversal_is_403_a_missing_file_404_and_bad_forms_or_actions_400()
    {
        await using var node = await ServiceNodes.StartAsync();
        GameFolder(node, "ABCE");
        await File.WriteAllTextAsync(Path.Combine(node.Node.Context.Services.Get<Dls1Folder>().Root, "secret.txt"), "no");
        using var client = new Dls1Client(node.Http());

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(Dls1Client.Form("contents", "ABCE", ("contents", "../secret.txt")))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(Dls1Client.Form("contents", "ABCE", ("contents", "nothere.bin")))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(Dls1Client.Form("delete", "ABCE"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(Dls1Client.Form("count", "ab/c"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync([("action", "count")])).Status);
    }
}
