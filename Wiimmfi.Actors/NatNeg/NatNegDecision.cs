namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// What <see cref="NatNegSessionRules"/> decided for one message or timer tick: the events to apply, the
/// datagrams to send, or why the message was ignored. Carries no state of its own; the entity applies
/// <see cref="Events"/> to its state and sends <see cref="Sends"/>.
/// </summary>
public sealed class NatNegDecision
{
    private static readonly NatNegDecision[] IgnoredByReason = CreateIgnored();

    private NatNegDecision(IReadOnlyList<INatNegSessionEvent> events, IReadOnlyList<NatNegOutgoing> sends, NatNegIgnoredReason? ignored)
    {
        Events = events;
        Sends = sends;
        Ignored = ignored;
    }

    /// <summary>Nothing to do (a duplicate, or a tick with nothing due).</summary>
    public static NatNegDecision None { get; } = new([], [], null);

    public IReadOnlyList<INatNegSessionEvent> Events { get; }

    public IReadOnlyList<NatNegOutgoing> Sends { get; }

    /// <summary>Set when the message was dropped without effect; counted by the entity.</summary>
    public NatNegIgnoredReason? Ignored { get; }

    /// <summary>True when the decision opens a new negotiation (and so needs a slot below the node's limit).</summary>
    public bool OpensNegotiation => Events.Count > 0 && Events[0] is NatNegOpened;

    /// <summary>A shared instance per reason, so dropping a packet allocates nothing.</summary>
    public static NatNegDecision Ignore(NatNegIgnoredReason reason) => IgnoredByReason[(int)reason];

    public static NatNegDecision Of(IReadOnlyList<INatNegSessionEvent> events, IReadOnlyList<NatNegOutgoing> sends) =>
        events.Count == 0 && sends.Count == 0 ? None : new(events, sends, null);

    private static NatNegDecision[] CreateIgnored()
    {
        var reasons = Enum.GetValues<NatNegIgnoredReason>();
        var table = new NatNegDecision[reasons.Max(r => (int)r) + 1];
        foreach (var reason in reasons) table[(int)reason] = new NatNegDecision([], [], reason);
        return table;
    }
}
