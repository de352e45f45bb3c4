using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// What a negotiation knows about one of its two consoles (client index 0 or 1). Immutable; changed only
/// through <see cref="NatNegSessionState.Apply"/>.
/// </summary>
public sealed record NatNegClientState(byte Index)
{
    /// <summary>The console negotiates for its game socket (DWC: always), so its GP INIT names the address to ping.</summary>
    public bool UsesGamePort { get; init; }

    /// <summary>Port types whose INIT arrived, one bit each (<c>1 &lt;&lt; portType</c>).</summary>
    public byte PortTypesSeen { get; init; }

    /// <summary>The negotiation socket as the latest non-GP INIT showed it: where CONNECT goes.</summary>
    public NatNegEndpoint? Negotiation { get; init; }

    /// <summary>The public address of the socket the partner must ping (GP INIT, or NN1 without use-game-port).</summary>
    public NatNegAddress? GameAddress { get; init; }

    /// <summary>The private game address the INITs state (known once an INIT with a non-zero port arrived).</summary>
    public NatNegAddress? PrivateAddress { get; init; }

    public bool ConnectAcknowledged { get; init; }

    /// <summary>The console's REPORT, once it arrived.</summary>
    public NatNegReportRecorded? Report { get; init; }

    /// <summary>Where the version-4 PREINIT came from (null when the console sent none).</summary>
    public NatNegEndpoint? PreInitFrom { get; init; }

    public uint PreInitClientId { get; init; }

    /// <summary>True when both addresses CONNECT needs are known: where to reach the console, and what its partner must ping.</summary>
    public bool IsReady =>
        Negotiation is not null && GameAddress is not null && (!UsesGamePort || HasSeen(NatNegPortType.GamePort));

    public bool HasSeen(NatNegPortType portType) => (PortTypesSeen & (1 << (int)portType)) != 0;

    internal NatNegClientState Record(NatNegInitRecorded init)
    {
        var next = this with
        {
            UsesGamePort = init.UseGamePort,
            PortTypesSeen = (byte)(PortTypesSeen | (1 << (int)init.PortType)),
        };
        if (init.PortType != NatNegPortType.GamePort)
            next = next with { Negotiation = init.From };
        // The game socket's public address: its own INIT when the console negotiates for it, otherwise the
        // negotiation socket's NN1 mapping (the socket the console will use for the peer link).
        if (init.PortType == NatNegPortType.GamePort || (!init.UseGamePort && init.PortType == NatNegPortType.Nn1))
            next = next with { GameAddress = init.From.Address };
        // GP and NN1 INITs carry port 0: the SDK learns its local port only after the first send.
        if (init.LocalAddress.Ip != 0 && init.LocalAddress.Port != 0)
            next = next with { PrivateAddress = init.LocalAddress };
        return next;
    }
}
