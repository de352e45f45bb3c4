using System.Net;

namespace Wiimmfi.Actors.Storage;

/// <summary>A ban to issue. At least one of the keys (profile, MAC, NG id, IP) must be set.</summary>
public sealed record NewBan
{
    /// <summary>Bans this profile.</summary>
    public uint? ProfileId { get; init; }

    /// <summary>Bans the console with this MAC address.</summary>
    public string? Mac { get; init; }

    /// <summary>Bans the console with this Hollywood/NG id (the "console id" in its cfc).</summary>
    public uint? NgId { get; init; }

    /// <summary>Bans this IP address.</summary>
    public IPAddress? Ip { get; init; }

    /// <summary>Why; shown to operators (and possibly to the player).</summary>
    public required string Reason { get; init; }

    /// <summary>Who issued it (operator name, or a system component).</summary>
    public required string IssuedBy { get; init; }

    /// <summary>When it ends; null = forever.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
