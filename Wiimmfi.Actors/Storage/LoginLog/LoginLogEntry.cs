namespace Wiimmfi.Actors.Storage;

/// <summary>A recorded login attempt; <paramref name="At"/> is when the store received it.</summary>
/// <param name="Ip">The client's address as text, or null.</param>
public sealed record LoginLogEntry(
    long EntryId,
    DateTimeOffset At,
    LoginService Service,
    LoginOutcome Outcome,
    long? UserId,
    uint? ProfileId,
    string? GameCode,
    string? Ip,
    string? Mac,
    string? Detail);
