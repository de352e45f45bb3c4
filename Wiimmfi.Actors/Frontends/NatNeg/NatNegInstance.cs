using System.Net;
using Wiimmfi.Actors.Runtime;

namespace Wiimmfi.Actors.Frontends.NatNeg;

/// <summary>
/// One NATNEG socket of the node: consoles know it as natneg1, natneg2 or natneg3 (<see cref="Role"/> 1–3,
/// in configuration order), it listens on <see cref="LocalEndPoint"/>, and <see cref="Frontend"/> sends from it.
/// </summary>
public sealed record NatNegInstance(string Name, int Role, IPEndPoint LocalEndPoint, IActorRef Frontend);
