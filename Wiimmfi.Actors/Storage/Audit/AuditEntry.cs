namespace Wiimmfi.Actors.Storage;

/// <summary>A recorded moderation action; <paramref name="At"/> is when the store received it.</summary>
/// <param name="TargetIp">The address as text, or null.</param>
public sealed record AuditEntry(
    long AuditId,
    DateTimeOffset At,
    ModerationAction Action,
    string Operator,
    uint? TargetProfileId,
    string? TargetMac,
    uint? TargetNgId,
    string? TargetIp,
    long? BanId,
    string Reason,
    string? Detail);
