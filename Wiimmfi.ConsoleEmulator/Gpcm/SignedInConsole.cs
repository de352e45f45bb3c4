using System.Net;
using Wiimmfi.ConsoleEmulator.Nas;

namespace Wiimmfi.ConsoleEmulator.Gpcm;

/// <summary>
/// A console that has done what a Wii does on entering the Wi-Fi Connection: NAS <c>acctcreate</c> (first time)
/// and <c>login</c>, then the GPCM login with that token. Disposing closes the GPCM connection (a logout).
/// </summary>
/// <param name="Console">The console, with its user id.</param>
/// <param name="Nas">The NAS login reply.</param>
/// <param name="Gpcm">The logged-in GPCM connection.</param>
public sealed record SignedInConsole(EmulatedConsole Console, NasAnswer Nas, GpcmClient Gpcm) : IAsyncDisposable
{
    /// <summary>The console's profile id.</summary>
    public uint ProfileId => Gpcm.ProfileId;

    /// <summary>NAS then GPCM; throws when either refuses.</summary>
    public static async Task<SignedInConsole> SignInAsync(NasClient nas, IPEndPoint gpcm, EmulatedConsole console, string gameName = EmulatedConsole.MarioKartWii)
    {
        var (withUserId, login) = await nas.SignInAsync(console).ConfigureAwait(false);
        if (login.ReturnCode is not ("001" or "040") || login.Token is null || login.Challenge is null)
        {
            throw new InvalidOperationException($"NAS refused the login: returncd {login.ReturnCode}");
        }

        var client = await GpcmClient.ConnectAsync(gpcm).ConfigureAwait(false);
        var outcome = await client.LoginAsync(login.Token, login.Challenge, gameName).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"GPCM refused the login: {outcome.Error?.Code} {outcome.Error?.Message}");
        }

        return new SignedInConsole(withUserId, login, client);
    }

    public ValueTask DisposeAsync() => Gpcm.DisposeAsync();
}
