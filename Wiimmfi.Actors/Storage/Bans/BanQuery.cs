using System.Net;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// "Is this login banned?": the keys known about it. A ban matches when any of its keys equals
/// the corresponding key here; null keys match nothing.
/// </summary>
public sealed record BanQuery(uint? ProfileId = null, string? Mac = null, uint? NgId = null, IPAddress? Ip = null)
{
    public bool IsEmpty => ProfileId is null && Mac is null && NgId is null && Ip is null;
}
