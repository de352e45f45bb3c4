namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// A datagram a negotiation wants sent: to <paramref name="To"/>'s address, from the socket of its
/// front-end. <paramref name="Delayed"/> replies go through the front-end's reply queue (see
/// <see cref="Frontends.NatNeg.DelayedSendQueue{T}"/>).
/// </summary>
public sealed record NatNegOutgoing(NatNegEndpoint To, byte[] Datagram, bool Delayed);
