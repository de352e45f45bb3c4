using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// A throwaway PostgreSQL server for the test run.
///
/// What it does: on first use (lazily, once per test process) it creates a temporary folder
/// <c>wiimmfi-pg-&lt;pid&gt;-&lt;random&gt;</c>, runs <c>initdb</c> there (trust authentication, no
/// fsync — the data is disposable), and starts the server with <c>pg_ctl</c> on a free
/// 127.0.0.1 port, its Unix socket inside the same folder. Test classes then ask for fresh
/// databases (<see cref="CreateDatabaseAsync"/>), so suites never see each other's rows. At
/// process exit the server is stopped and the folder deleted.
///
/// Invariants: one server per test process; nothing listens beyond loopback; nothing outside
/// the temporary folder is touched.
///
/// What can go wrong:
/// * Tests run as root here, and PostgreSQL refuses to run as root: every server command runs
///   as the <c>postgres</c> user (<c>runuser -u postgres --</c>, or <c>su postgres</c>), and the folder
///   is handed to that user first.
/// * The free port can be taken between probing and binding: start-up is retried on a new port.
/// * The test host may be killed soon after the last test (vstest does not wait long for exit
///   handlers), and a killed process cannot clean up. So a detached watchdog shell, started with
///   the server, waits for the test process to end and then stops the server and deletes the
///   folder; the exit handler only makes the stop prompt. As a last resort, the next run stops
///   and deletes folders whose owner process is gone.
/// </summary>
public sealed partial class PostgresServer
{
    private const string ServiceUser = "postgres";
    private const int StartAttempts = 3;

    /// <summary>Generous: initdb plus start-up on a loaded 2-core machine.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _binDirectory;
    private int _databaseCounter;

    private PostgresServer(string binDirectory, string rootFolder, int port)
    {
        _binDirectory = binDirectory;
        RootFolder = rootFolder;
        Port = port;
    }

    /// <summary>The temporary folder holding the data folder, socket and log.</summary>
    public string RootFolder { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    private string DataFolder => Path.Combine(RootFolder, "data");

    private string LogFile => Path.Combine(RootFolder, "server.log");

    /// <summary>The server of this test run, started on first call.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string for a database on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = ServiceUser,
            Database = database,
            Timeout = 60,
            CommandTimeout = 120,
        }.ConnectionString;

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose = "test")
    {
        var name = $"{Sanitize(purpose)}_{Interlocked.Increment(ref _databaseCounter)}";
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = PostgresAvailability.BinDirectory ?? throw new InvalidOperationException(
            $"The PostgreSQL tests need initdb and pg_ctl, which were not found on PATH or in /usr/lib/postgresql/*/bin, " +
            $"and {PostgresAvailability.RequireVariable}=1 forbids skipping them. Install the PostgreSQL server (Debian: postgresql-15).");
        SweepAbandonedFolders(bin);

        var root = Path.Combine(Path.GetTempPath(), $"wiimmfi-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Path.Combine(root, "sock"));
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", root]);
        }
        var data = Path.Combine(root, "data");
        await RunAsServiceUserAsync(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);

        string? lastError = null;
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            var server = new PostgresServer(bin, root, FreeLoopbackPort());
            var options = $"-p {server.Port} -k {Path.Combine(root, "sock")} -c listen_addresses=127.0.0.1 " +
                          "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            var result = await RunAsServiceUserAsync(Path.Combine(bin, "pg_ctl"),
                ["-D", data, "-l", server.LogFile, "-w", "-t", "120", "-o", options, "start"], throwOnFailure: false);
            if (result.ExitCode == 0)
            {
                server.StartWatchdog();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAndDelete();
                return server;
            }
            lastError = result.Output + Environment.NewLine + ReadTail(server.LogFile);
        }
        TryDelete(root);
        throw new InvalidOperationException($"The throwaway PostgreSQL server did not start after {StartAttempts} attempts:{Environment.NewLine}{lastError}");
    }

    /// <summary>Runs at process exit: stop at once (the data is disposable) and remove the folder.</summary>
    private void StopAndDelete()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            RunAsServiceUserAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "-t", "60", "stop"],
                throwOnFailure: false).GetAwaiter().GetResult();
        }
        finally
        {
            TryDelete(RootFolder);
        }
    }

    /// <summary>
    /// Starts a shell in its own session (<c>setsid -f</c>, so killing the test process tree does
    /// not reach it) that polls for this process once a second and, when it is gone, stops the
    /// server and removes the folder.
    /// </summary>
    private void StartWatchdog()
    {
        var pgCtl = Path.Combine(_binDirectory, "pg_ctl");
        IEnumerable<string> stop = [pgCtl, "-D", DataFolder, "-m", "immediate", "-w", "-t", "60", "stop"];
        if (IsRoot)
        {
            stop = ["runuser", "-u", ServiceUser, "--", .. stop];
        }
        var script =
            "exec </dev/null >/dev/null 2>&1; " +
            $"while kill -0 {Environment.ProcessId}; do sleep 1; done; " +
            $"{string.Join(' ', stop.Select(ShellQuote))}; rm -rf {ShellQuote(RootFolder)}";
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            // Our own pipes, not the test runner's, so nothing of the runner's stays open in the watchdog.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[] { "-f", "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using var launcher = Process.Start(start);
            launcher?.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No setsid: the exit handler and the next run's sweep still clean up.
        }
    }

    /// <summary>Stops and removes servers left behind by test processes that no longer exist.</summary>
    private static void SweepAbandonedFolders(string bin)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "wiimmfi-pg-*"))
        {
            var match = OwnerPid().Match(Path.GetFileName(folder));
            if (!match.Success || !int.TryParse(match.Groups[1].Value, out var pid) ||
                pid == Environment.ProcessId || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }
            try
            {
                var data = Path.Combine(folder, "data");
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    RunAsServiceUserAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "-t", "60", "stop"],
                        throwOnFailure: false).GetAwaiter().GetResult();
                }
            }
            finally
            {
                TryDelete(folder);
            }
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static Task<CommandResult> RunAsServiceUserAsync(string executable, IReadOnlyList<string> arguments, bool throwOnFailure = true)
    {
        if (!IsRoot)
        {
            return RunAsync(executable, arguments, throwOnFailure);
        }
        if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser") || File.Exists("/usr/bin/runuser"))
        {
            return RunAsync("runuser", ["-u", ServiceUser, "--", executable, .. arguments], throwOnFailure);
        }
        var command = string.Join(' ', new[] { executable }.Concat(arguments).Select(ShellQuote));
        return RunAsync("su", [ServiceUser, "-s", "/bin/sh", "-c", command], throwOnFailure);
    }

    private static async Task<CommandResult> RunAsync(string executable, IReadOnlyList<string> arguments, bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // A folder every user can read, so the postgres user does not trip over root's cwd.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }
        var output = (await stdout) + (await stderr);
        if (throwOnFailure && process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{executable} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:{Environment.NewLine}{output}");
        }
        return new CommandResult(process.ExitCode, output);
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string ReadTail(string file)
    {
        try
        {
            var text = File.ReadAllText(file);
            return text.Length <= 4000 ? text : text[^4000..];
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Sanitize(string purpose)
    {
        var builder = new StringBuilder();
        foreach (var c in purpose.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }
        return builder.Length == 0 ? "test" : builder.ToString()[..Math.Min(builder.Length, 40)];
    }

    [GeneratedRegex(@"^wiimmfi-pg-(\d+)-")]
    private static partial Regex OwnerPid();

    private sealed record CommandResult(int ExitCode, string Output);
}
