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
    private readonly ListenSockets _listenSockets;
    private WebApplication? _public;
    private WebApplication? _management;
    private int _stopping;

    private WiimmfiNode(NodeContext context, IReadOnlyList<NodeModule> modules, NodeListeners listeners, ILogger logger, ListenSockets listenSockets)
    {
        _listenSockets = listenSockets;
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

    /// <summary>The node's own listening sockets (smart restart hands them over).</summary>
    public ListenSockets ListenSockets => _listenSockets;

    /// <summary>
    /// Starts a successor for a smart restart, given the hand-over channel's path. Set by whoever knows how this
    /// node was started (the CLI: same executable and arguments); null means smart restart is not available.
    /// </summary>
    public Func<string, Restart.SuccessorProcess>? SuccessorFactory { get; set; }

    /// <summary>How the process leaves once a successor has taken over (default: <c>_exit(0)</c>; tests override).</summary>
    public Action<int> ExitProcess { get; set; } = Wiimmfi.Actors.Runtime.Io.Handover.SocketDescriptors.ExitImmediately;

    /// <summary>True once a successor has taken everything over; this node only finishes its HTTP requests.</summary>
    public bool HandedOver { get; private set; }

    /// <summary>True once every listener is bound; false again as soon as shutdown starts.</summary>
    public bool IsServing { get; private set; }

    /// <summary>Completes when the node has fully stopped.</summary>
    public Task WhenStopped => _stopped.Task;

    /// <summary>Starts a node with the given settings and modules (default: <see cref="NodeModules.All"/>).</summary>
    /// <param name="takeoverFrom">The hand-over channel of a running node to take over from (smart restart), or null.</param>
    public static async Task<WiimmfiNode> StartAsync(WiimmfiOptions options, ILoggerFactory loggerFactory,
        IReadOnlyList<NodeModule>? modules = null, TimeProvider? time = null, CancellationToken cancellationToken = default,
        string? takeoverFrom = null)
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
        Restart.Takeover? takeover = null;
        if (takeoverFrom is not null)
        {
            try
            {
                takeover = Restart.Takeover.Connect(takeoverFrom, loggerFactory.CreateLogger<Restart.Takeover>(), TimeSpan.FromSeconds(60));
            }
            catch (Exception e) when (e is IOException or SocketException or Restart.HandoverFailedException or TimeoutException or InvalidDataException)
            {
                await system.Terminate().ConfigureAwait(false);
                await store.DisposeAsync().ConfigureAwait(false);
                throw new NodeStartupException($"cannot take over from the running node ({takeoverFrom}): {e.Message}", e);
            }
            context.Takeover = takeover;
        }
        var enabled = (modules ?? NodeModules.All()).Where(m => m.IsEnabled(context)).ToList();
        context.WireTypes = Wiimmfi.Actors.Runtime.Serialization.WireTypeRegistry.FromAssemblies(
            enabled.Select(m => m.GetType().Assembly).Prepend(typeof(Wiimmfi.Actors.Runtime.Serialization.WireTypeRegistry).Assembly));
        var node = new WiimmfiNode(context, enabled, new NodeListeners(), logger, new ListenSockets(takeover?.ListenSockets));
        try
        {
            await node.StartModulesAndServersAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            takeover?.Abort(e.Message);
            takeover?.Dispose();
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
        if (_context.Takeover is { } holding)
            foreach (var declared in _listeners.Declared) declared.Frontend.HoldNewConnectionsUntil(holding.Released);
        RegisterShutdownTasks();

        _public = BuildPublicServer();
        await StartServerAsync(_public, cancellationToken).ConfigureAwait(false);

        if (_context.Options.Management.Enabled)
        {
            var handle = _listenSockets.Open("management", ListenerEndPoint(_context.Options.Management), "wiimmfi.management.port");
            _management = ManagementServer.Build(this, handle);
            await StartServerAsync(_management, cancellationToken).ConfigureAwait(false);
        }
        foreach (var name in _listenSockets.Names)
            _context.Endpoints.Report(name, _listenSockets.LocalEndPoint(name), name is "nas" or "management" ? "http" : "tcp");

        if (_context.Takeover is { } takeover)
        {
            try
            {
                var frontends = _listeners.Declared.ToDictionary(d => d.Frontend.Name, d => d.Frontend, StringComparer.Ordinal);
                await takeover.CompleteAsync(_context.System, _context.WireTypes, frontends, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Restart.HandoverFailedException or IOException or TimeoutException or InvalidDataException)
            {
                throw new NodeStartupException($"taking over from the running node failed: {e.Message}", e);
            }
            finally
            {
                takeover.Dispose();
                _context.Takeover = null;
            }
        }
        IsServing = true;
        new NodeStatusFile(Environment.ProcessId, StartedAt,
            _context.Endpoints.All.Values.ToDictionary(e => e.Name, e => e.EndPoint.ToString())).Write(_context.DataFolder);
        _logger.LogInformation("Node {Name} serving: {Endpoints}", _context.Options.Node.EffectiveName,
            string.Join(", ", _context.Endpoints.All.Values.OrderBy(e => e.Name).Select(e => $"{e.Name} {e.Transport} {e.EndPoint}")));
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
        // Every listening socket is the node's own (bound here, or handed over by a predecessor at smart restart);
        // Kestrel serves a duplicate of each.
        ulong? nasHandle = _context.Options.Nas.Enabled
            ? _listenSockets.Open("nas", ListenerEndPoint(_context.Options.Nas), "wiimmfi.nas.port")
            : null;
        var tcpHandles = _listeners.Declared.Select(d => (d.Frontend, Handle: _listenSockets.Open(d.Name, d.EndPoint, d.Setting))).ToList();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The console protocols are served here too, so the connection cap stays below the process's
            // file limit (20,000 here) with room for the database, logs and UDP sockets.
            kestrel.Limits.MaxConcurrentConnections = 19_000;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            if (nasHandle is { } nas)
                kestrel.ListenHandle(nas, lo =>
                {
                    lo.Protocols = HttpProtocols.Http1;
                    foreach (var module in _modules) module.ConfigurePublicHttpListener(lo, _context);
                });
            foreach (var (frontend, handle) in tcpHandles) kestrel.ListenHandle(handle, lo => lo.Run(frontend.OnConnectedAsync));
        });
        var app = builder.Build();
        foreach (var module in _modules) module.MapPublicRoutes(app, _context);
        return app;
    }

    private static async Task StartServerAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new NodeStartupException($"cannot start listening: {e.Message}", e);
        }
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

    /// <summary>The switch of a smart restart has begun: this node stops claiming to serve.</summary>
    internal void EnterHandover() => IsServing = false;

    /// <summary>The switch was rolled back: this node serves on.</summary>
    internal void LeaveHandover() => IsServing = true;

    /// <summary>Waits until no actor has a message waiting (every message in flight handled), bounded.</summary>
    internal async Task WaitUntilQuietAsync(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var quietChecks = 0;
        while (quietChecks < 3 && Environment.TickCount64 < deadline)
        {
            quietChecks = _context.System.Metrics.MailboxDepth == 0 ? quietChecks + 1 : 0;
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After a successor took over: finish the HTTP requests in flight (bounded), then leave without running any
    /// shutdown code — closing nothing the successor now serves.
    /// </summary>
    public async Task ExitAfterHandoverAsync()
    {
        HandedOver = true;
        IsServing = false;
        if (_public is { } app)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await app.StopAsync(timeout.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        _logger.LogInformation("Node handed over to its successor; leaving");
        ExitProcess(0);
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
        _listenSockets.Dispose();
        _logger.LogInformation("Node stopped");
        _stopped.TrySetResult();
    }

    public async ValueTask DisposeAsync() => await StopAsync("disposed").ConfigureAwait(false);
}
