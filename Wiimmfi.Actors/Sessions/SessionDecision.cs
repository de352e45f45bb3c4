using Wiimmfi.Actors.Runtime;

namespace Wiimmfi.Actors.Sessions;

/// <summary>Something a session decides to do besides changing its own state.</summary>
public abstract record SessionEffect;

/// <summary>Tell a console's GPCM connection (the current one, or one being replaced).</summary>
public sealed record ToConsole(IActorRef Connection, object Message) : SessionEffect;

/// <summary>Tell another profile's session (through the shard region).</summary>
public sealed record ToSession(SessionMessage Message) : SessionEffect;

/// <summary>Answer whoever sent the message being handled.</summary>
public sealed record ToSender(object Message) : SessionEffect;

/// <summary>
/// The outcome of one decision of <see cref="ConsoleSessionLogic"/>: the events to apply (in order)
/// and the effects to carry out afterwards. Computing it touches nothing, so it is tested as data.
/// </summary>
public sealed record SessionDecision(IReadOnlyList<SessionEvent> Events, IReadOnlyList<SessionEffect> Effects)
{
    /// <summary>Nothing to do.</summary>
    public static SessionDecision None { get; } = new([], []);

    /// <summary>Collects events and effects while a decision is made.</summary>
    internal sealed class Builder
    {
        private List<SessionEvent>? _events;
        private List<SessionEffect>? _effects;

        public Builder Event(SessionEvent fact)
        {
            (_events ??= []).Add(fact);
            return this;
        }

        public Builder Effect(SessionEffect effect)
        {
            (_effects ??= []).Add(effect);
            return this;
        }

        public SessionDecision Build() =>
            _events is null && _effects is null ? None : new SessionDecision(_events ?? [], _effects ?? []);
    }
}
