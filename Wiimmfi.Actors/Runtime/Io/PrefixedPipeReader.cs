using System.Buffers;
using System.IO.Pipelines;

namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// INTERNAL API. A reader that yields some bytes first and then everything from another reader — for a socket
/// adopted at smart restart, whose previous owner had read a partial frame. It pumps through a private pipe
/// (one extra copy), which only adopted connections pay.
/// </summary>
internal static class PrefixedPipeReader
{
    public static PipeReader Create(ReadOnlyMemory<byte> prefix, PipeReader inner)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false));
        pipe.Writer.Write(prefix.Span);
        _ = PumpAsync(inner, pipe.Writer);
        return pipe.Reader;
    }

    private static async Task PumpAsync(PipeReader from, PipeWriter to)
    {
        Exception? failure = null;
        try
        {
            var flushed = await to.FlushAsync().ConfigureAwait(false);
            while (!flushed.IsCompleted)
            {
                var result = await from.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled) break;
                foreach (var segment in result.Buffer) to.Write(segment.Span);
                from.AdvanceTo(result.Buffer.End);
                flushed = await to.FlushAsync().ConfigureAwait(false);
                if (result.IsCompleted) break;
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        await to.CompleteAsync(failure).ConfigureAwait(false);
    }
}
