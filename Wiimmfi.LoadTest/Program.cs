using System.Runtime.InteropServices;
using Wiimmfi.LoadTest.Cli;

namespace Wiimmfi.LoadTest;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // First Ctrl+C (or SIGTERM): stop starting work, let running iterations finish, write the partial report.
        // Second: cancel the running steps too — the report is still written.
        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (!stop.IsCancellationRequested)
            {
                Console.Error.WriteLine("wiimmfi-load: stopping — running iterations finish, then the report is written (Ctrl+C again to abort them)");
                stop.Cancel();
            }
            else
            {
                abort.Cancel();
            }
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return await LoadCli.RunAsync(args, Console.Out, Console.Error, stop.Token, abort.Token).ConfigureAwait(false);
    }
}
