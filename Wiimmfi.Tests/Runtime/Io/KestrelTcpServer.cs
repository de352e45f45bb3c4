using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Wiimmfi.Tests.Runtime.Io;

/// <summary>A Kestrel server on 127.0.0.1 and a free port that serves raw TCP with one connection delegate.</summary>
internal sealed class KestrelTcpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenOptions _listen;

    private KestrelTcpServer(WebApplication app, ListenOptions listen)
    {
        _app = app;
        _listen = listen;
    }

    public IPEndPoint EndPoint => _listen.IPEndPoint!;

    public static async Task<KestrelTcpServer> StartAsync(Func<ConnectionContext, Task> onConnected)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptions? listen = null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, lo =>
        {
            listen = lo;
            lo.Run(context => onConnected(context));
        }));
        var app = builder.Build();
        await app.StartAsync();
        return new KestrelTcpServer(app, listen!);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
