using System.Net;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.Frontends.NatNeg;

/// <summary>
/// Chooses the socket an ERTTEST (the answer to a NATIFY_REQUEST) must come from, so the console's NAT test
/// learns the truth (natneg.md §6). The console's ERT socket sends three requests: port type 1 and 2 to
/// natneg1, port type 3 to natneg2. It then listens:
/// <list type="bullet">
/// <item>port type 1 — the solicited reply, from the socket it wrote to;</item>
/// <item>port type 2 — must come from an IP address the ERT socket never wrote to: if it arrives, the NAT is
/// not IP-restricted;</item>
/// <item>port type 3 — must come from an address the ERT socket never wrote to at an IP it did write to: if
/// it arrives, the NAT is not port-restricted.</item>
/// </list>
/// <para>So the sockets the console has written to are natneg1 and natneg2 (roles 1 and 2). A reply from one of
/// them would pass any NAT and make the console believe it is less restricted than it is, which breaks its
/// later peer-to-peer attempts; so when no socket fits, the rule is to err towards "more restricted": type 2 is
/// left unanswered (the console assumes IP-restricted), and type 3 comes from a socket at another IP (which
/// tests the stricter IP restriction; OpenSpy does the same) or is left unanswered. A wildcard bind
/// (0.0.0.0) counts as the same address as any other wildcard bind and as "maybe the same" as a specific
/// address, because the kernel picks its source address.</para>
/// <para>Examples (each socket answering on its own port): three IPs A, B, C as Wiimmfi ran them → type 2 from C
/// (exact), type 3 from C (stricter). natneg1 = A:p1, natneg2 = B:p2, natneg3 = A:p3 → type 2 unanswered, type 3
/// from A:p3 (exact). One socket → neither is answered.</para>
/// </summary>
public static class ErtSourceSelector
{
    /// <summary>The answer "no socket can send this truthfully".</summary>
    public const int Unanswerable = -1;

    /// <summary>
    /// The index (into <paramref name="sockets"/>, in role order: natneg1 first) of the socket that must send the
    /// ERTTEST for a NATIFY_REQUEST of <paramref name="portType"/> received by socket <paramref name="receiver"/>;
    /// <see cref="Unanswerable"/> when none can.
    /// </summary>
    public static int Choose(IReadOnlyList<IPEndPoint> sockets, int receiver, NatNegPortType portType)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentOutOfRangeException.ThrowIfNegative(receiver);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(receiver, sockets.Count);
        var natneg1 = 0;
        var natneg2 = Math.Min(1, sockets.Count - 1); // with one socket, natneg2 resolves to the same one
        switch (portType)
        {
            case NatNegPortType.GamePort:
            case NatNegPortType.Nn1:
                return receiver;
            case NatNegPortType.Nn2:
                for (var i = 0; i < sockets.Count; i++)
                {
                    if (i == natneg1 || i == natneg2) continue;
                    if (DifferentIp(sockets[i], sockets[natneg1]) && DifferentIp(sockets[i], sockets[natneg2])) return i;
                }
                return Unanswerable;
            case NatNegPortType.Nn3:
                var fallback = Unanswerable;
                for (var i = 0; i < sockets.Count; i++)
                {
                    if (i == natneg1 || i == natneg2) continue;
                    if (SameIp(sockets[i], sockets[natneg1]) || SameIp(sockets[i], sockets[natneg2])) return i;
                    if (fallback == Unanswerable && DifferentIp(sockets[i], sockets[natneg1]) && DifferentIp(sockets[i], sockets[natneg2])) fallback = i;
                }
                return fallback;
            default:
                return Unanswerable;
        }
    }

    // Certainly the same source address: identical, wildcard included (the kernel chooses the same way for both).
    private static bool SameIp(IPEndPoint a, IPEndPoint b) => a.Address.Equals(b.Address);

    // Certainly a different source address: two specific, unequal addresses.
    private static bool DifferentIp(IPEndPoint a, IPEndPoint b) =>
        !IsWildcard(a.Address) && !IsWildcard(b.Address) && !a.Address.Equals(b.Address);

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
