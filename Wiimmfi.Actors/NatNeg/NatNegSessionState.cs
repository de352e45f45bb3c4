namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// The whole state of one negotiation, as a small immutable value: what <see cref="NatNegSession"/> holds
/// and what issue 8 will snapshot. It changes only by <see cref="Apply"/>, a pure function of an event;
/// an event that makes no sense in the current phase is a programming error and throws, so a bug cannot
/// quietly corrupt a negotiation.
/// </summary>
public sealed record NatNegSessionState
{
    public static NatNegSessionState Initial { get; } = new();

    public NatNegPhase Phase { get; init; }

    /// <summary>Protocol version of the packet that opened the negotiation; every later packet must match.</summary>
    public byte Version { get; init; }

    /// <summary>Game name from the first INIT (empty while only PREINITs arrived).</summary>
    public string GameName { get; init; } = "";

    public long OpenedAtMs { get; init; }

    /// <summary>When the current phase gives up: pairing deadline, or the end of the report wait once connected.</summary>
    public long DeadlineMs { get; init; }

    public NatNegClientState? Client0 { get; init; }

    public NatNegClientState? Client1 { get; init; }

    /// <summary>Rounds of CONNECT sent (the first included).</summary>
    public int ConnectRounds { get; init; }

    public long LastConnectAtMs { get; init; }

    /// <summary>Set when <see cref="Phase"/> is <see cref="NatNegPhase.Closed"/>.</summary>
    public NatNegCloseReason? CloseReason { get; init; }

    /// <summary>The console with client index 0 or 1 (null while unknown).</summary>
    public NatNegClientState? Client(byte index) => index == 0 ? Client0 : Client1;

    public bool BothAcknowledged => Client0 is { ConnectAcknowledged: true } && Client1 is { ConnectAcknowledged: true };

    public bool BothReported => Client0?.Report is not null && Client1?.Report is not null;

    /// <summary>Applies one event. Pure: the same state and event always give the same result.</summary>
    /// <exception cref="InvalidOperationException">The event is not allowed in the current phase.</exception>
    public NatNegSessionState Apply(INatNegSessionEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        switch (@event)
        {
            case NatNegOpened e:
                Require(@event, NatNegPhase.New);
                return this with { Phase = NatNegPhase.Collecting, Version = e.Version, GameName = e.GameName, OpenedAtMs = e.OpenedAtMs, DeadlineMs = e.DeadlineMs };
            case NatNegInitRecorded e:
                Require(@event, NatNegPhase.Collecting);
                return WithClient(e.ClientIndex, c => c.Record(e)) with { GameName = GameName.Length == 0 ? e.GameName : GameName };
            case NatNegPreInitRecorded e:
                Require(@event, NatNegPhase.Collecting, NatNegPhase.Connecting, NatNegPhase.Connected);
                return WithClient(e.ClientIndex, c => c with { PreInitFrom = e.From, PreInitClientId = e.ClientId });
            case NatNegConnectsSent e:
                Require(@event, NatNegPhase.Collecting, NatNegPhase.Connecting);
                return this with { Phase = NatNegPhase.Connecting, ConnectRounds = ConnectRounds + 1, LastConnectAtMs = e.AtMs };
            case NatNegConnectAcknowledged e:
                Require(@event, NatNegPhase.Connecting, NatNegPhase.Connected);
                return WithClient(e.ClientIndex, c => c with { ConnectAcknowledged = true });
            case NatNegConnected e:
                Require(@event, NatNegPhase.Connecting);
                if (!BothAcknowledged) throw new InvalidOperationException("NatNegConnected before both consoles acknowledged their CONNECT.");
                return this with { Phase = NatNegPhase.Connected, DeadlineMs = e.ReportDeadlineMs };
            case NatNegReportRecorded e:
                Require(@event, NatNegPhase.Connecting, NatNegPhase.Connected);
                return WithClient(e.ClientIndex, c => c with { Report = e });
            case NatNegClosed e:
                Require(@event, NatNegPhase.Collecting, NatNegPhase.Connecting, NatNegPhase.Connected);
                return this with { Phase = NatNegPhase.Closed, CloseReason = e.Reason };
            default:
                throw new InvalidOperationException($"Unknown negotiation event {@event.GetType().Name}.");
        }
    }

    private NatNegSessionState WithClient(byte index, Func<NatNegClientState, NatNegClientState> change)
    {
        if (index > 1) throw new InvalidOperationException($"Client index {index} is not 0 or 1.");
        var current = Client(index) ?? new NatNegClientState(index);
        var changed = change(current);
        return index == 0 ? this with { Client0 = changed } : this with { Client1 = changed };
    }

    private void Require(INatNegSessionEvent @event, params ReadOnlySpan<NatNegPhase> allowed)
    {
        foreach (var phase in allowed)
            if (Phase == phase) return;
        throw new InvalidOperationException($"{@event.GetType().Name} is not allowed in phase {Phase}.");
    }
}
