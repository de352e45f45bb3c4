using System.Net;

namespace Wiimmfi.ConsoleEmulator;

/// <summary>
/// The emulator only ever talks to this machine: tests and load runs must not send traffic anywhere else.
/// Every client checks its target with <see cref="Require"/> before it connects or sends.
/// </summary>
public static class LoopbackGuard
{
    public static IPEndPoint Require(IPEndPoint target)
    {
        if (!IPAddress.IsLoopback(target.Address))
            throw new ArgumentException($"the console emulator only targets loopback addresses, not {target}", nameof(target));
        return target;
    }
}
