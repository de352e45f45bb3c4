using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// A whole node started in-process for a test: its own temporary data folder (a real SQLite file), every
/// listener on 127.0.0.1 and a free port, the management API with known admin credentials. Use
/// <see cref="Endpoint"/> to find where a protocol listens. Disposing stops the node and deletes the folder.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "test-password";

    private readonly bool _keepFolder;

    private TestNode(WiimmfiNode node, string folder, CapturingLoggerFactory log, bool keepFolder)
    {
        _keepFolder = keepFolder;
        Node = node;
        Folder = folder;
        Log = log;
        Management = new HttpClient { BaseAddress = new Uri($"http://{Endpoint("management")}/"), Timeout = TimeSpan.FromSeconds(30) };
        Admin = new HttpClient { BaseAddress = Management.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AdminUser}:{AdminPassword}")));
    }

    public WiimmfiNode Node { get; }

    /// <summary>The node's data folder (deleted on dispose unless the test keeps it for a restart).</summary>
    public string Folder { get; }

    public CapturingLoggerFactory Log { get; }

    /// <summary>A client for the management API, without credentials.</summary>
    public HttpClient Management { get; }

    /// <summary>A client for the management API, with the admin credentials.</summary>
    public HttpClient Admin { get; }

    public IPEndPoint Endpoint(string name)
    {
        var endpoint = Node.Endpoints[name];
        // Listeners bind 127.0.0.1 in tests, but a wildcard bind still needs a concrete address to connect to.
        return endpoint.Address.Equals(IPAddress.Any) ? new IPEndPoint(IPAddress.Loopback, endpoint.Port) : endpoint;
    }

    /// <summary>
    /// Starts a node with every listener on 127.0.0.1:0. <paramref name="configure"/> may change any setting;
    /// <paramref name="modules"/> defaults to the node's full module list.
    /// </summary>
    public static async Task<TestNode> StartAsync(Func<WiimmfiOptions, WiimmfiOptions>? configure = null,
        IReadOnlyList<NodeModule>? modules = null, TimeProvider? time = null, string? folder = null, bool keepFolder = false,
        string? takeoverFrom = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "wiimmfi-node-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        const string loopback = "127.0.0.1";
        var options = new WiimmfiOptions
        {
            Node = new NodeOptions { Name = "test-node" },
            DataFolder = folder,
            Nas = new NasOptions { Bind = loopback, Port = 0 },
            Gpcm = new GpcmOptions { Bind = loopback, Port = 0 },
            Gpsp = new GpspOptions { Bind = loopback, Port = 0 },
            Master = new MasterOptions { Bind = loopback, Port = 0 },
            Ms = new ServerBrowserOptions { Bind = loopback, Port = 0 },
            NatNeg = new NatNegOptions { Bind = loopback, Port = 0 },
            Management = new ManagementOptions { Bind = loopback, Port = 0, Username = AdminUser, Password = AdminPassword },
        };
        if (configure is not null) options = configure(options);
        var log = new CapturingLoggerFactory();
        var node = await WiimmfiNode.StartAsync(options, log, modules, time, takeoverFrom: takeoverFrom);
        return new TestNode(node, folder, log, keepFolder);
    }

    public async ValueTask DisposeAsync()
    {
        Management.Dispose();
        Admin.Dispose();
        await Node.StopAsync("test finished");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepFolder) return;
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* a file still held open is cleaned with the temp folder */ }
    }
}
