using System.Diagnostics;
using System.Reflection;

namespace Wiimmfi.Host.Node;

/// <summary>
/// Starts this node program again as a new process — for a smart-restart successor or for the watchdog's child:
/// the same executable (or <paramref name="executable"/>, a new build), run the way this one was run
/// (<c>dotnet wiimmfi.dll …</c> or the <c>wiimmfi</c> apphost), with the given arguments. The child shares this
/// process's console and may outlive it.
/// </summary>
public static class NodeCommand
{
    public static Process Start(IEnumerable<string> arguments, string? executable = null)
    {
        var start = new ProcessStartInfo { UseShellExecute = false };
        var host = executable ?? Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable runs this node");
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.FileName = host;
            start.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly"));
        }
        else if (host.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(host);
        }
        else
        {
            start.FileName = host;
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("the node process did not start");
    }
}
