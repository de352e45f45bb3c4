using System.Net;

namespace Wiimmfi.ConsoleEmulator.NatNeg;

/// <summary>
/// Where the emulated console's DNS sends <c>&lt;game&gt;.natneg1/2/3.gs.nintendowifi.net</c>. A server with one
/// socket serves all three names (<see cref="Single"/>).
/// </summary>
public sealed record NatNegServerAddresses(IPEndPoint Natneg1, IPEndPoint Natneg2, IPEndPoint Natneg3)
{
    public static NatNegServerAddresses Single(IPEndPoint server) => new(server, server, server);

    /// <summary>The server for a port type: GP and NN1 go to natneg1, NN2 to natneg2, NN3 to natneg3.</summary>
    public IPEndPoint For(int portType) => portType switch
    {
        2 => Natneg2,
        3 => Natneg3,
        _ => Natneg1,
    };
}
