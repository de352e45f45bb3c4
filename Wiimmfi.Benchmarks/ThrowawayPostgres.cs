using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wiimmfi.Benchmarks;

/// <summary>
/// A PostgreSQL server started for one benchmark run (initdb into a temporary folder, pg_ctl on a free
/// loopback port, run as the <c>postgres</c> user when we are root) and removed afterwards. Unlike the
/// test fixture it keeps PostgreSQL's durable defaults (fsync and synchronous_commit on) unless told
/// otherwise, so the figures include the cost of a real commit.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;

    private ThrowawayPostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Maximum Pool Size=50;Timeout=60;Command Timeout=120";

    /// <summary>Starts a server; <paramref name="extraOptions"/> go to <c>postgres -c</c> (e.g. <c>synchronous_commit=off</c>).</summary>
    public static async Task<ThrowawayPostgres> StartAsync(params string[] extraOptions)
    {
        var bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found; pass --pg-connection instead.");
        var root = Path.Combine(Path.GetTempPath(), $"wiimmfi-bench-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Path.Combine(root, "sock"));
        if (IsRoot) await RunAsync("chown", ["-R", "postgres:postgres", root]);
        var data = Path.Combine(root, "data");
        await RunAsServiceUserAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        var port = FreePort();
        var options = $"-p {port} -k {Path.Combine(root, "sock")} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB";
        foreach (var extra in extraOptions) options += $" -c {extra}";
        await RunAsServiceUserAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "120", "-o", options, "start"]);
        return new ThrowawayPostgres(bin, root, port);
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await RunAsServiceUserAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "-t", "60", "stop"]);
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBin()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(folder, "initdb");
            if (!File.Exists(initdb)) continue;
            var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true);
            return target is null ? folder : Path.GetDirectoryName(target.FullName);
        }
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
    }

    private static Task RunAsServiceUserAsync(string executable, string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments]) : RunAsync(executable, arguments);

    private static async Task RunAsync(string executable, string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
