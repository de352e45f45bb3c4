using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiimmfi.Host.Modules.Moderation;

/// <summary><c>POST /admin/bans</c>: at least one key; an expiry as a time or a duration, or neither for a permanent ban.</summary>
public sealed record BanRequest(uint? ProfileId, string? Mac, uint? NgId, string? Ip, string? Reason, DateTimeOffset? ExpiresAt, long? DurationSeconds);

/// <summary><c>POST /admin/kick/{pid}</c>: the reason (also accepted as <c>?reason=</c>).</summary>
public sealed record KickRequest(string? Reason);

/// <summary>The presence an online console last published.</summary>
public sealed record StatusView(int Code, string StatString, string LocString);

/// <summary>One online console.</summary>
public sealed record SessionView(uint ProfileId, string FriendCode, string Nick, string UniqueNick, string Game, string? Ip, string? Mac,
    DateTimeOffset LoginTime, StatusView Status);

/// <summary>Answer of <c>GET /admin/sessions</c>.</summary>
public sealed record SessionsView(int Count, IReadOnlyList<SessionView> Sessions);

/// <summary>
/// Answer of <c>GET /admin/sessions/{pid}</c>: what the profile's session entity holds — online now, or dormant
/// (recovered from the journal as online after a restart, its connection gone) — with its last status and friends.
/// </summary>
public sealed record SessionRecordView(uint ProfileId, bool Online, bool Dormant, int Status, string StatString, string LocString,
    string? GameName, IReadOnlyList<uint> Friends, IReadOnlyList<uint> MutualFriends);

/// <summary>Answer of <c>POST /admin/kick/{pid}</c>.</summary>
public sealed record KickView(uint ProfileId, bool Kicked, string Reason);

/// <summary>One ban.</summary>
public sealed record BanView(long Id, uint? ProfileId, string? Mac, uint? NgId, string? Ip, string Reason, string IssuedBy, DateTimeOffset IssuedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy, bool Active);

/// <summary>Answer of <c>POST /admin/bans</c>: the ban and the profiles it kicked at once.</summary>
public sealed record BanIssuedView(BanView Ban, IReadOnlyList<uint> Kicked);

/// <summary>Answer of <c>GET /admin/bans</c>.</summary>
public sealed record BansView(IReadOnlyList<BanView> Bans);

/// <summary>One moderation action.</summary>
public sealed record AuditView(long Id, DateTimeOffset At, string Action, string Operator, uint? ProfileId, string? Mac, uint? NgId, string? Ip,
    long? BanId, string Reason, string? Detail);

/// <summary>Answer of <c>GET /admin/audit</c>.</summary>
public sealed record AuditsView(IReadOnlyList<AuditView> Entries);

/// <summary>A refused moderation request, in one sentence.</summary>
public sealed record ModerationError(string Error);

/// <summary>Source-generated JSON for the moderation routes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(BanRequest))]
[JsonSerializable(typeof(KickRequest))]
[JsonSerializable(typeof(SessionsView))]
[JsonSerializable(typeof(SessionRecordView))]
[JsonSerializable(typeof(KickView))]
[JsonSerializable(typeof(BanIssuedView))]
[JsonSerializable(typeof(BansView))]
[JsonSerializable(typeof(BanView))]
[JsonSerializable(typeof(AuditsView))]
[JsonSerializable(typeof(ModerationError))]
public sealed partial class ModerationJson : JsonSerializerContext;
