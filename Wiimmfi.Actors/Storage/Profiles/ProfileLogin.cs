using System.Net;

namespace Wiimmfi.Actors.Storage;

/// <summary>What a successful GPCM login updates on the profile; null fields keep the stored value.</summary>
public sealed record ProfileLogin(string? InGameNick = null, IPAddress? Ip = null, string? Mac = null);
