using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Management;
using StoreKind = Wiimmfi.Host.Configuration.StoreKind;

namespace Wiimmfi.Host.Node;

/// <summary>
/// The composition root of one node: it binds the settings, opens (and migrates) the store, creates the actor
/// system, starts every enabled <see cref="NodeModule"/>, and serves them on two Kestrel servers — the public
/// one (NAS HTTP on port 80 and the TCP protocols on Kestrel's connection layer) and the management one
/// (127.0.0.1:8558 by default). UDP sockets are bound by the modules through <see cref="NodeContext.BindUdp"/>.
///
/// Start-up stops at the first thing an operator must fix, with a <see cref="NodeStartupException"/> naming the
/// setting. Shutdown is the actor system's coordinated shutdown, whose phases this class fills:
/// <c>service-unbind</c> stops the modules and closes every TCP connection gracefully, <c>service-requests-done</c>
/// waits (bounded) for them to drain and stops the public server, <c>before-actor-system-terminate</c> stops the
/// shard regions, and after the actor system has terminated the store and the management server are closed.
/// </summary>
public sealed class WiimmfiNode : IAsyncDisposable
{
    private readonly NodeContext _context;
    private readonly IReadOnlyList<NodeModule> _modules;
    private readonly NodeListeners _listeners;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Name, ListenOptions Listen)> _boundListeners = [];
    private WebApplication? _public;
    private WebApplication? _management;
    private int _stopping;

    private WiimmfiNode(NodeContext context, IReadOnlyList<NodeModule> modules, NodeListeners listeners, ILogger logger)
    {
        _context = context;
        _modules = modules;
        _listeners = listeners;
        _logger = logger;
        StartedAt = context.Time.GetUtcNow();
    }

    public NodeContext Context => _context;
    public ActorSystem System => _context.System;
    public WiimmfiOptions Options => _context.Options;
    public NodeEndpoints Endpoints => _context.Endpoints;
    public IReadOnlyList<NodeModule> Modules => _modules;
    public DateTimeOffset StartedAt { get; }

    /// <summary>True once every listener is bound; false again as soon as shutdown starts.</summary>
    public bool IsServing { get; private set; }

    /// <summary>Completes when the node has fully stopped.</summary>
    public Task WhenStopped => _stopped.Task;

    /// <summary>Starts a node with the given settings and modules (default: <see cref="NodeModules.All"/>).</summary>
    public static async Task<WiimmfiNode> StartAsync(WiimmfiOptions options, ILoggerFactory loggerFactory,
        IReadOnlyList<NodeModule>? modules = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new NodeStartupException("invalid settings: " + string.Join("; ", problems) + ".");
        time ??= TimeProvider.System;
        var logger = loggerFactory.CreateLogger<WiimmfiNode>();

        var dataFolder = Path.GetFullPath(options.DataFolder);
        Directory.CreateDirectory(dataFolder);
        var store = await OpenStoreAsync(options, dataFolder, time, logger, cancellationToken).ConfigureAwait(false);

        var system = ActorSystem.Create("wiimmfi", new ActorSystemSettings
        {
            DefaultThroughput = options.Actors.Throughput,
            DefaultAskTimeout = options.Actors.AskTimeout,
            TimeProvider = time,
        }, loggerFactory);
        var context = new NodeContext(options, system, store, loggerFactory, time, dataFolder);
        var enabled = (modules ?? NodeModules.All()).Where(m => m.IsEnabled(context)).ToList();
        var node = new WiimmfiNode(context, enabled, new NodeListeners(), logger);
        try
        {
            await node.StartModulesAndServersAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await node.StopAsync("start-up failed").ConfigureAwait(false);
            throw;
        }
        return node;
    }

    private static async Task<IWiimmfiStore> OpenStoreAsync(WiimmfiOptions options, string dataFolder, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var storeOptions = options.Store.Kind == StoreKind.Postgres
            ? Actors.Storage.StoreOptions.ForPostgres(options.Store.ConnectionString)
            : Actors.Storage.StoreOptions.ForSqliteFile(Path.Combine(dataFolder, options.Store.SqliteFile));
        try
        {
            if (storeOptions.Kind == Actors.Storage.StoreKind.Sqlite)
            {
                // The embedded default migrates itself: a newcomer's first start creates the database.
                var report = await SchemaMigrator.MigrateAsync(storeOptions, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Store: SQLite {File}, {Report}", storeOptions.SqliteFile, report);
            }
            else
            {
                var status = await SchemaMigrator.GetStatusAsync(storeOptions, cancellationToken).ConfigureAwait(false);
                if (!status.IsCurrent)
                    throw new NodeStartupException(
                        $"the PostgreSQL schema is at version {status.DatabaseVersion} but this build needs {status.LatestVersion}: run `wiimmfi db migrate` first.");
            }
        }
        catch (SchemaMigrationException e)
        {
            throw new NodeStartupException(e.Message, e);
        }
        catch (Exception e) when (e is global::System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            throw new NodeStartupException($"cannot open the {storeOptions.Kind} store: {e.Message}", e);
        }
        return WiimmfiStore.Create(storeOptions, time);
    }

    private async Task StartModulesAndServersAsync(CancellationToken cancellationToken)
    {
        foreach (var module in _modules)
        {
            await module.StartAsync(_context, cancellationToken).ConfigureAwait(false);
            module.ConfigureListeners(_listeners, _context);
        }
        foreach (var declared in _listeners.Declared) _context.AddTcpFrontend(declared.Frontend);
        RegisterShutdownTasks();

        _public = BuildPublicServer();
        await StartServerAsync(_public, PublicEndpointsToProbe(), cancellationToken).ConfigureAwait(false);

        if (_context.Options.Management.Enabled)
        {
            _management = ManagementServer.Build(this, lo => _boundListeners.Add(("management", lo)));
            var endpoint = ListenerEndPoint(_context.Options.Management);
            await StartServerAsync(_management, [("management", endpoint, "wiimmfi.management.port")], cancellationToken).ConfigureAwait(false);
        }
        IsServing = true;
        _logger.LogInformation("Node {Name} serving: {Endpoints}", _context.Options.Node.EffectiveName,
            string.Join(", ", _context.Endpoints.All.Values.OrderBy(e => e.Name).Select(e => $"{e.Name} {e.Transport} {e.EndPoint}")));
    }

    private IEnumerable<(string Name, IPEndPoint EndPoint, string Setting)> PublicEndpointsToProbe()
    {
        if (_context.Options.Nas.Enabled) yield return ("nas", ListenerEndPoint(_context.Options.Nas), "wiimmfi.nas.port");
        foreach (var declared in _listeners.Declared) yield return (declared.Name, declared.EndPoint, declared.Setting);
    }

    internal static IPEndPoint ListenerEndPoint(ListenerOptions listener)
    {
        if (!IPAddress.TryParse(listener.Bind, out var address))
            throw new NodeStartupException($"'{listener.Bind}' is not an IP address to bind to.");
        return new IPEndPoint(address, listener.Port);
    }

    private WebApplication BuildPublicServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_context.LoggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The console protocols are served here too, so the connection cap stays below the process's
            // file limit (20,000 here) with room for the database, logs and UDP sockets.
            kestrel.Limits.MaxConcurrentConnections = 19_000;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            if (_context.Options.Nas.Enabled)
            {
                var nas = ListenerEndPoint(_context.Options.Nas);
                kestrel.Listen(nas, lo =>
                {
                    lo.Protocols = HttpProtocols.Http1;
                    foreach (var module in _modules) module.ConfigurePublicHttpListener(lo, _context);
                    _boundListeners.Add(("nas", lo));
                });
            }
            foreach (var declared in _listeners.Declared)
            {
                var frontend = declared.Frontend;
                kestrel.Listen(declared.EndPoint, lo =>
                {
                    _boundListeners.Add((declared.Name, lo));
                    lo.Run(frontend.OnConnectedAsync);
                });
            }
        });
        var app = builder.Build();
        foreach (var module in _modules) module.MapPublicRoutes(app, _context);
        return app;
    }

    /// <summary>
    /// Binds each endpoint once with a plain socket first, so a refused port is reported with the setting that
    /// chose it; then starts Kestrel and reads back the ports it really bound (port 0 = any free port).
    /// </summary>
    private async Task StartServerAsync(WebApplication app, IEnumerable<(string Name, IPEndPoint EndPoint, string Setting)> endpoints, CancellationToken cancellationToken)
    {
        var list = endpoints.ToList();
        foreach (var (name, endpoint, setting) in list)
        {
            if (endpoint.Port == 0) continue;
            using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                probe.Bind(endpoint);
            }
            catch (SocketException e)
            {
                throw ListenerErrors.CannotBind(name, "TCP", endpoint, setting, e);
            }
        }
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new NodeStartupException($"cannot start listening: {e.Message}", e);
        }
        // Kestrel rewrites each ListenOptions with the endpoint it really bound (port 0 = any free port).
        foreach (var (name, listen) in _boundListeners)
        {
            if (listen.IPEndPoint is { } bound)
                _context.Endpoints.Report(name, bound, name is "nas" or "management" ? "http" : "tcp");
        }
        _boundListeners.Clear();
    }

    private void RegisterShutdownTasks()
    {
        var shutdown = _context.System.CoordinatedShutdown;
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "stop-modules-and-close-connections", async () =>
        {
            IsServing = false;
            foreach (var module in _modules)
            {
                try { await module.StopAsync(_context).ConfigureAwait(false); }
                catch (Exception e) { _logger.LogWarning(e, "Module {Module} failed to stop cleanly", module.Name); }
            }
            foreach (var declared in _listeners.Declared) declared.Frontend.CloseAll();
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-connections", async () =>
        {
            var deadline = _context.Time.GetUtcNow() + TimeSpan.FromSeconds(3);
            while (_listeners.Declared.Any(d => d.Frontend.Metrics.OpenConnections > 0) && _context.Time.GetUtcNow() < deadline)
                await Task.Delay(20).ConfigureAwait(false);
            if (_public is { } app)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try { await app.StopAsync(timeout.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterShardingShutdownRegion, "stop-shard-regions", () =>
            Actors.Runtime.Sharding.ClusterSharding.Get(_context.System).StopRegionsAsync());
    }

    /// <summary>Stops the node: coordinated shutdown of the actor system, then the store and management server.</summary>
    public async Task StopAsync(string reason = "stop requested")
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            await _stopped.Task.ConfigureAwait(false);
            return;
        }
        IsServing = false;
        _logger.LogInformation("Node stopping: {Reason}", reason);
        try
        {
            await _context.System.CoordinatedShutdown.Run(new CoordinatedShutdown.Reason(reason)).ConfigureAwait(false);
            await _context.System.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Actor system did not shut down cleanly");
        }
        foreach (var app in new[] { _public, _management })
        {
            if (app is null) continue;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await app.StopAsync(timeout.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
            await app.DisposeAsync().ConfigureAwait(false);
        }
        await _context.Store.DisposeAsync().ConfigureAwait(false);
        _logger.LogInformation("Node stopped");
        _stopped.TrySetResult();
    }

    public async ValueTask DisposeAsync() => await StopAsync("disposed").ConfigureAwait(false);
}
