using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// The real <c>wiimmfi</c> executable started as its own process (from the test's output folder), with every
/// listener on 127.0.0.1 and a free port, its own data folder and known admin credentials; output goes to
/// <c>node.log</c> in the folder. Where it listens and which pid serves it are read from the node's
/// <c>node.json</c> — which a smart-restart successor rewrites. Disposing stops whatever process serves it.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private NodeProcess(string folder, Process launcher, string verb)
    {
        Folder = folder;
        Launcher = launcher;
        Verb = verb;
        // No kept-alive connections: a smart restart changes the process behind the port, and a pooled connection
        // to the old process is reset when it exits, failing whichever request happens to reuse it.
        Admin = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromMinutes(3) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestNode.AdminUser}:{TestNode.AdminPassword}")));
    }

    public string Folder { get; }

    /// <summary>The process this test started (the node itself, or the watchdog).</summary>
    public Process Launcher { get; }

    public string Verb { get; }

    public HttpClient Admin { get; }

    public string LogPath => Path.Combine(Folder, "node.log");

    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    /// <summary>Starts <c>wiimmfi {verb}</c> (run or watchdog) and waits until a node serves.</summary>
    public static Task<NodeProcess> StartAsync(string verb = "run", params string[] extraSettings) =>
        StartAsync(verb, extraSettings, null, []);

    /// <summary>Like <see cref="StartAsync(string, string[])"/>, with environment variables and extra command-line arguments.</summary>
    public static async Task<NodeProcess> StartAsync(string verb, IReadOnlyList<string> extraSettings,
        IReadOnlyDictionary<string, string>? environment, IReadOnlyList<string> extraArguments)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-proc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new List<string>
        {
            $"wiimmfi.data-folder={folder}",
            "wiimmfi.management.password=" + TestNode.AdminPassword,
            "wiimmfi.management.username=" + TestNode.AdminUser,
        };
        foreach (var listener in new[] { "nas", "gpcm", "gpsp", "master", "ms", "natneg", "management" })
        {
            settings.Add($"wiimmfi.{listener}.bind=127.0.0.1");
            settings.Add($"wiimmfi.{listener}.port=0");
        }
        settings.AddRange(extraSettings);
        var dll = Path.Combine(AppContext.BaseDirectory, "wiimmfi.dll");
        var command = new StringBuilder("exec dotnet ").Append(Quote(dll)).Append(' ').Append(verb);
        foreach (var setting in settings) command.Append(" --set ").Append(Quote(setting));
        foreach (var argument in extraArguments) command.Append(' ').Append(Quote(argument));
        command.Append(" >> ").Append(Quote(Path.Combine(folder, "node.log"))).Append(" 2>&1");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = folder };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command.ToString());
        if (environment is not null)
            foreach (var (name, value) in environment) start.Environment[name] = value;
        var launcher = Process.Start(start)!;
        var node = new NodeProcess(folder, launcher, verb);
        await node.WaitUntilServingAsync(previousPid: null);
        return node;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    /// <summary>The current node.json (pid and endpoints), or null while none is written.</summary>
    public (int Pid, IReadOnlyDictionary<string, IPEndPoint> Endpoints)? Status
    {
        get
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "node.json")));
                var endpoints = json.RootElement.GetProperty("endpoints").EnumerateObject()
                    .ToDictionary(p => p.Name, p => IPEndPoint.Parse(p.Value.GetString()!));
                return (json.RootElement.GetProperty("pid").GetInt32(), endpoints);
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
            {
                return null;
            }
        }
    }

    public int Pid => Status?.Pid ?? throw new InvalidOperationException("no node serves yet");

    public IPEndPoint Endpoint(string name) => Status?.Endpoints[name] ?? throw new InvalidOperationException("no node serves yet");

    public Uri ManagementUri(string path) => new($"http://{Endpoint("management")}/{path}");

    /// <summary>Waits until node.json names a serving node other than <paramref name="previousPid"/> that answers ready.</summary>
    public async Task WaitUntilServingAsync(int? previousPid, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (DateTime.UtcNow < deadline)
        {
            if (Launcher.HasExited && Verb == "run" && previousPid is null)
                throw new InvalidOperationException($"the node exited with {Launcher.ExitCode}: {Log}");
            if (Status is { } status && status.Pid != previousPid)
            {
                try
                {
                    var ready = await probe.GetAsync($"http://{status.Endpoints["management"]}/health/ready");
                    if (ready.IsSuccessStatusCode) return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"no node served in time; log:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        foreach (var pid in new[] { Launcher.HasExited ? 0 : Launcher.Id, Status?.Pid ?? 0 }.Where(p => p > 0).Distinct())
        {
            try { Process.GetProcessById(pid).Kill(entireProcessTree: true); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { }
        }
        await Launcher.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { });
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
