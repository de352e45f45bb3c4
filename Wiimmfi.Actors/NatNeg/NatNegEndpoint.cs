using Wiimmfi.Actors.Runtime;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// Where a console can be answered: its public address as one NATNEG socket saw it, and the front-end of
/// that socket. The two belong together — behind a symmetric NAT each server socket sees a different
/// mapping, and only a reply from the socket the console wrote to passes the NAT.
/// </summary>
public sealed record NatNegEndpoint(NatNegAddress Address, IActorRef Via);
