using System.Net;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// "Is this login banned?": the keys known about it. A ban matches when any of its keys equals
/// the corresponding key here; null keys match nothing. Leave <see cref="NgId"/> out for a
/// console flagged <see cref="ConsoleFlags.SharedNgId"/>: its NG id identifies nobody.
/// </summary>
public sealed record BanQuery(uint? ProfileId = null, string? Mac = null, uint? NgId = null, IPAddress? Ip = null)
{
    public bool IsEmpty => ProfileId is null && Mac is null && NgId is null && Ip is null;
}
