using System.Net;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.ConsoleEmulator.NatNeg;

/// <summary>
/// One emulated console's side of a negotiation. The timing defaults are the GameSpy SDK's (v3, as DWC uses
/// it): INITs every 500 ms, 10 retries; 60 s to wait for the partner; pings every 700 ms, 7 retries; REPORT every
/// 500 ms, 4 retries. Tests shorten them.
/// </summary>
public sealed record NatNegConsoleOptions
{
    public required uint Cookie { get; init; }

    /// <summary>0 for the console that sent the cookie through the server browser, 1 for the host that received it.</summary>
    public required byte ClientIndex { get; init; }

    public string GameName { get; init; } = "mariokartwii";

    public byte Version { get; init; } = NatNegWire.DwcVersion;

    /// <summary>The loopback address both sockets bind (one address per emulated console keeps their public IPs apart).</summary>
    public IPAddress LocalAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The private IP the INITs state (the console's LAN address); default: <see cref="LocalAddress"/>.</summary>
    public IPAddress? ClaimedPrivateAddress { get; init; }

    /// <summary>Negotiate for a separate game socket (DWC: yes), so a GP INIT goes out from it.</summary>
    public bool UseGamePort { get; init; } = true;

    public TimeSpan InitRetryInterval { get; init; } = TimeSpan.FromMilliseconds(500);
    public int InitRetries { get; init; } = 10;
    public TimeSpan PartnerWait { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMilliseconds(700);
    public int PingRetries { get; init; } = 7;
    public TimeSpan ReportRetryInterval { get; init; } = TimeSpan.FromMilliseconds(500);
    public int ReportRetries { get; init; } = 4;
}
