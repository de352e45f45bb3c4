namespace Wiimmfi.Actors.Storage;

/// <summary>A stored ban.</summary>
/// <param name="Mac">12 lowercase hex digits, or null.</param>
/// <param name="Ip">The banned address as text (IPv4-mapped IPv6 stored as IPv4), or null.</param>
/// <param name="ExpiresAt">Null = forever.</param>
/// <param name="RevokedAt">When an operator lifted it; null while it stands.</param>
public sealed record BanRecord(
    long BanId,
    uint? ProfileId,
    string? Mac,
    uint? NgId,
    string? Ip,
    string Reason,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public bool IsPermanent => ExpiresAt is null;

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>In force at that time: not revoked and not expired.</summary>
    public bool IsActiveAt(DateTimeOffset time) => !IsRevoked && (ExpiresAt is null || ExpiresAt > time);
}
