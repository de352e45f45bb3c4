using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Configuration.Hocon;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Cli;

/// <summary>
/// The <c>wiimmfi</c> command line. With no verb it runs a node (as <c>run</c>). Configuration switches
/// (<c>--config file</c>, <c>--set key=value</c>, <c>--wiimmfi:key=value</c>) are accepted by every verb and read by
/// <see cref="NodeConfiguration"/> from the raw arguments.
/// </summary>
public static class WiimmfiCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = new RootCommand("Wiimmfi: a Nintendo Wi-Fi Connection server for Wii and DS games (Mario Kart Wii first).");
        var configOption = new Option<string?>("--config") { Description = "A HOCON file whose settings override hocon/wiimmfi.conf." };
        var setOption = new Option<string[]>("--set") { Description = "Override one setting: --set wiimmfi.gpcm.port=29900 (repeatable).", AllowMultipleArgumentsPerToken = false };
        root.Options.Add(configOption);
        root.Options.Add(setOption);
        root.TreatUnmatchedTokensAsErrors = false;

        var run = new Command("run", "Start a node and serve until stopped (Ctrl+C or SIGTERM). The default verb.");
        run.TreatUnmatchedTokensAsErrors = false;
        var takeoverOption = new Option<string?>(Restart.SuccessorProcess.TakeoverOption) { Description = "Internal: take over from a running node through this hand-over channel (smart restart).", Hidden = true };
        run.Options.Add(takeoverOption);
        root.Options.Add(takeoverOption);
        run.Options.Add(configOption);
        run.Options.Add(setOption);
        run.SetAction((_, ct) => RunNodeAsync(args, output, error, ct));
        root.SetAction((_, ct) => RunNodeAsync(args, output, error, ct));
        root.Subcommands.Add(run);

        var config = new Command("config", "Inspect the configuration.");
        var show = new Command("show", "Print the effective configuration with the source of each value (secrets masked).");
        show.TreatUnmatchedTokensAsErrors = false;
        show.Options.Add(configOption);
        show.Options.Add(setOption);
        show.Options.Add(new Option<string>("--format") { Description = "hocon (default) or json." });
        show.Options.Add(new Option<bool>("--strict") { Description = "Fail when a setting is not in hocon/wiimmfi.conf." });
        show.SetAction(_ => new ConfigShowCommand().Run(args, output, error));
        config.Subcommands.Add(show);
        root.Subcommands.Add(config);

        var db = new Command("db", "Manage the database schema.");
        var migrate = new Command("migrate", "Apply pending schema migrations to the configured store.");
        migrate.TreatUnmatchedTokensAsErrors = false;
        migrate.Options.Add(configOption);
        migrate.Options.Add(setOption);
        migrate.SetAction((_, ct) => MigrateAsync(args, output, error, ct));
        db.Subcommands.Add(migrate);
        root.Subcommands.Add(db);

        var restart = new Command("restart", "Smart restart: start a successor (possibly a new build) that takes over every socket and connection of the running node.");
        restart.TreatUnmatchedTokensAsErrors = false;
        restart.Options.Add(configOption);
        restart.Options.Add(setOption);
        restart.SetAction((_, ct) => RestartAsync(args, output, error, ct));
        root.Subcommands.Add(restart);

        var watchdog = new Command("watchdog", "Run the node as a child process and start it again within milliseconds when it dies; follows it through smart restarts.");
        watchdog.TreatUnmatchedTokensAsErrors = false;
        watchdog.Options.Add(configOption);
        watchdog.Options.Add(setOption);
        watchdog.SetAction((_, ct) => WatchdogAsync(args, error, ct));
        root.Subcommands.Add(watchdog);

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
    }

    private static bool TryLoadOptions(string[] args, TextWriter error, out WiimmfiOptions options, out IConfigurationRoot? configuration)
    {
        try
        {
            configuration = NodeConfiguration.Build(args);
            options = NodeConfiguration.BindOptions(configuration);
            return true;
        }
        catch (Exception e) when (e is HoconException or InvalidOperationException or FormatException)
        {
            error.WriteLine($"wiimmfi: configuration error: {e.Message}");
            options = new WiimmfiOptions();
            configuration = null;
            return false;
        }
    }

    private static async Task<int> RunNodeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryLoadOptions(args, error, out var options, out _)) return 2;
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(options.Logging.Level)
            // ASP.NET Core logs four Information lines for every HTTP request (hosting start/finish, endpoint
            // executing/executed): at a few thousand NAS or SAKE requests per second that costs more CPU than the
            // requests themselves and floods the log. The services count and log their own outcomes; the framework
            // speaks only for warnings (or at whatever higher level the node is set to).
            .AddFilter("Microsoft.AspNetCore", level => level >= options.Logging.Level && level >= LogLevel.Warning)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            }));
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });
        using var cancelled = cancellationToken.Register(() => stop.TrySetResult());
        WiimmfiNode node;
        try
        {
            node = await WiimmfiNode.StartAsync(options, loggerFactory, cancellationToken: cancellationToken,
                takeoverFrom: ValueAfter(args, Restart.SuccessorProcess.TakeoverOption)).ConfigureAwait(false);
        }
        catch (NodeStartupException e)
        {
            error.WriteLine($"wiimmfi: {e.Message}");
            return 3;
        }
        node.SuccessorFactory = path => Restart.SuccessorProcess.StartSameNode(path, args);
        output.WriteLine($"wiimmfi: node '{options.Node.EffectiveName}' is serving (pid {Environment.ProcessId}); press Ctrl+C to stop.");
        await Task.WhenAny(stop.Task, node.WhenStopped).ConfigureAwait(false);
        await node.StopAsync("signal").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> WatchdogAsync(string[] args, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryLoadOptions(args, error, out var options, out _)) return 2;
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            }));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        // The node gets the same switches, with "run" in place of "watchdog".
        var nodeArguments = new List<string> { "run" };
        var verbSkipped = false;
        foreach (var argument in args)
        {
            if (!verbSkipped && argument == "watchdog") { verbSkipped = true; continue; }
            nodeArguments.Add(argument);
        }
        var dataFolder = Path.GetFullPath(options.DataFolder);
        Directory.CreateDirectory(dataFolder);
        var dog = new Watchdog.NodeWatchdog(nodeArguments, dataFolder, loggerFactory.CreateLogger<Watchdog.NodeWatchdog>());
        return await dog.RunAsync(stop.Token).ConfigureAwait(false);
    }

    private static string? ValueAfter(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static async Task<int> RestartAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryLoadOptions(args, error, out var options, out _)) return 2;
        var management = options.Management;
        var host = management.Bind is "0.0.0.0" or "::" ? "127.0.0.1" : management.Bind;
        using var client = new HttpClient { BaseAddress = new Uri($"http://{host}:{management.Port}/"), Timeout = TimeSpan.FromMinutes(3) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{management.Username}:{management.Password}")));
        try
        {
            using var response = await client.PostAsync("admin/restart", null, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            (response.IsSuccessStatusCode ? output : error).WriteLine(body);
            return response.IsSuccessStatusCode ? 0 : 5;
        }
        catch (HttpRequestException e)
        {
            error.WriteLine($"wiimmfi: cannot reach the node's management API at {client.BaseAddress}: {e.Message}");
            return 5;
        }
    }

    private static async Task<int> MigrateAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryLoadOptions(args, error, out var options, out _)) return 2;
        var storeOptions = options.Store.Kind == Configuration.StoreKind.Postgres
            ? Actors.Storage.StoreOptions.ForPostgres(options.Store.ConnectionString)
            : Actors.Storage.StoreOptions.ForSqliteFile(Path.Combine(Path.GetFullPath(options.DataFolder), options.Store.SqliteFile));
        try
        {
            var report = await SchemaMigrator.MigrateAsync(storeOptions, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"wiimmfi: {storeOptions.Kind} store: {report}");
            return 0;
        }
        catch (Exception e) when (e is SchemaMigrationException or System.Data.Common.DbException or IOException)
        {
            error.WriteLine($"wiimmfi: migration failed: {e.Message}");
            return 4;
        }
    }
}
