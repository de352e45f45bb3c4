using System.Net;

namespace Wiimmfi.Actors.Storage;

/// <summary>One login attempt to record: who (as far as known), from where, which game, result.</summary>
public sealed record LoginAttempt
{
    public required LoginService Service { get; init; }

    public required LoginOutcome Outcome { get; init; }

    /// <summary>The NAS user id, when known.</summary>
    public long? UserId { get; init; }

    /// <summary>The profile id, when known.</summary>
    public uint? ProfileId { get; init; }

    /// <summary>The game (ID4 or GameSpy game name), when known.</summary>
    public string? GameCode { get; init; }

    /// <summary>The client's address.</summary>
    public IPAddress? Ip { get; init; }

    /// <summary>The console MAC, when known.</summary>
    public string? Mac { get; init; }

    /// <summary>The protocol-level detail, e.g. <c>returncd=3914 ban 12</c> or <c>err=266</c>.</summary>
    public string? Detail { get; init; }
}
