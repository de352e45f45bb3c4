using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Wiimmfi.Host.Modules.Nas;

/// <summary>
/// Connection middleware for the public HTTP listener: every byte a client sends passes through a
/// <see cref="HostHeaderDeduplicator"/> before Kestrel's HTTP parser sees it. Responses are not touched.
/// </summary>
internal static class DuplicateHostHeaderFilter
{
    /// <summary>Installs the filter on <paramref name="listen"/>; <paramref name="dropped"/> is told each dropped header.</summary>
    public static void Install(ListenOptions listen, Action dropped) =>
        listen.Use(next => context => RunAsync(context, next, dropped));

    private static async Task RunAsync(ConnectionContext context, ConnectionDelegate next, Action dropped)
    {
        var transport = context.Transport;
        // Kestrel's own defaults for unread input: pause at 1 MiB is more than any NAS request needs.
        var filtered = new Pipe(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, useSynchronizationContext: false));
        var pump = PumpAsync(transport.Input, filtered.Writer, dropped);
        context.Transport = new FilteredTransport(filtered.Reader, transport.Output);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            transport.Input.CancelPendingRead();
            await pump.ConfigureAwait(false);
            context.Transport = transport;
        }
    }

    private static async Task PumpAsync(PipeReader input, PipeWriter output, Action dropped)
    {
        var deduplicator = new HostHeaderDeduplicator();
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    break;
                }

                var before = deduplicator.DroppedHostHeaders;
                foreach (var segment in result.Buffer)
                {
                    deduplicator.Process(segment.Span, output);
                }

                for (var i = before; i < deduplicator.DroppedHostHeaders; i++)
                {
                    dropped();
                }

                input.AdvanceTo(result.Buffer.End);
                var flushed = await output.FlushAsync().ConfigureAwait(false);
                if (result.IsCompleted || flushed.IsCompleted)
                {
                    break;
                }
            }

            await output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException)
        {
            await output.CompleteAsync(e).ConfigureAwait(false);
        }
    }

    private sealed class FilteredTransport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
