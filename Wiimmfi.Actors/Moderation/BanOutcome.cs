using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Actors.Moderation;

/// <summary>A ban that was issued, and the profiles it kicked off at once.</summary>
/// <param name="Ban">The stored ban.</param>
/// <param name="Kicked">Profiles that were online and matched it (by profile, MAC, NG id or IP).</param>
public sealed record BanOutcome(BanRecord Ban, IReadOnlyList<uint> Kicked);

/// <summary>What lifting a ban did.</summary>
/// <param name="Ban">The ban as it was found, or null when no ban has that id.</param>
/// <param name="Revoked">False when it had been lifted already.</param>
public sealed record UnbanOutcome(BanRecord? Ban, bool Revoked);
