using System.Net;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Actors.Sessions;

/// <summary>
/// Builds the ban query for a login (NAS or GPCM): the profile, the console's MAC, its NG id from the
/// Wii number — unless the console is known to share a public NG id (Dolphin's default and the like,
/// <see cref="ConsoleFlags.SharedNgId"/>), which identifies nobody — and the address.
/// </summary>
public static class BanKeys
{
    /// <summary>The NG (Hollywood) id inside a valid Wii number; null for DS, missing or invalid numbers.</summary>
    public static uint? NgIdFrom(long? consoleFriendCode) =>
        consoleFriendCode is { } code && code > 0 && ConsoleFriendCode.TryUnscramble((ulong)code, out var identity)
            ? identity.Value.HollywoodId
            : null;

    /// <summary>The query for a login; reads the console's flags when its MAC is known.</summary>
    public static async Task<BanQuery> ForLoginAsync(IWiimmfiStore store, uint? profileId, string? mac, long? consoleFriendCode, IPAddress? ip,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var canonicalMac = mac is not null && ConsoleMac.TryNormalize(mac, out var normalized) ? normalized : null;
        var ngId = NgIdFrom(consoleFriendCode);
        if (ngId is not null && canonicalMac is not null)
        {
            var console = await store.Consoles.GetAsync(canonicalMac, cancellationToken).ConfigureAwait(false);
            if (console is not null && console.Flags.HasFlag(ConsoleFlags.SharedNgId))
            {
                ngId = null;
            }
        }

        return new BanQuery(profileId, canonicalMac, ngId, ip);
    }
}
