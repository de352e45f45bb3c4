using System.Net;

namespace Wiimmfi.Actors.Storage;

/// <summary>One moderation action to record; the store stamps it with the current time.</summary>
public sealed record NewAuditEntry
{
    /// <summary>What was done.</summary>
    public required ModerationAction Action { get; init; }

    /// <summary>Who did it (operator name, or a system component).</summary>
    public required string Operator { get; init; }

    /// <summary>Why; free text from the operator.</summary>
    public required string Reason { get; init; }

    /// <summary>The profile it was aimed at, when there was one.</summary>
    public uint? TargetProfileId { get; init; }

    /// <summary>The console MAC it was aimed at, when there was one.</summary>
    public string? TargetMac { get; init; }

    /// <summary>The console NG id it was aimed at, when there was one.</summary>
    public uint? TargetNgId { get; init; }

    /// <summary>The IP address it was aimed at, when there was one.</summary>
    public IPAddress? TargetIp { get; init; }

    /// <summary>The ban issued or lifted, for <see cref="ModerationAction.Ban"/> and <see cref="ModerationAction.Unban"/>.</summary>
    public long? BanId { get; init; }

    /// <summary>What happened as a consequence, e.g. <c>kicked 1000000004</c>.</summary>
    public string? Detail { get; init; }
}
