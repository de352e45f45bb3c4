using Wiimmfi.Host.Cli;

namespace Wiimmfi.Host;

public static class Program
{
    public static Task<int> Main(string[] args) => WiimmfiCli.RunAsync(args);
}
