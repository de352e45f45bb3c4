using System.Net;
using Wiimmfi.ConsoleEmulator.Gpcm;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.LoadTest.Scenarios.Sake;

/// <summary>
/// One virtual user of the SAKE scenarios: a Wii that signed in the way Mario Kart Wii does (NAS, then GPCM, whose
/// login reply carries the login ticket every SAKE request needs) and stays online while it uses SAKE. Its GPCM
/// connection stays open until the user is cleaned up (a logout); SAKE goes over its own keep-alive HTTP connection.
/// </summary>
internal sealed class SakeConsole : IDisposable
{
    private SakeConsole(SignedInConsole session, SakeClient sake, int region, int seed)
    {
        Session = session;
        Sake = sake;
        Region = region;
        Mii = MkwSampleData.Mii("Racer", 0x8B00_0000_0000_0000UL | session.ProfileId);
        PlayerInfo = MkwSampleData.PlayerInfo(Mii, controller: 1, state: 2, country: (byte)(region * 10));
        Seed = seed;
    }

    public SignedInConsole Session { get; }

    public SakeClient Sake { get; }

    public uint ProfileId => Session.ProfileId;

    /// <summary>The console's region (1 Japan, 2 Americas, 3 Europe, 4 Australia), for ghost uploads.</summary>
    public int Region { get; }

    public byte[] Mii { get; }

    public byte[] PlayerInfo { get; }

    /// <summary>Changes with every FriendInfo save, so each save writes different bytes.</summary>
    public int Seed { get; set; }

    /// <summary>The console's FriendInfo record once created (0 before).</summary>
    public int FriendInfoRecordId { get; set; }

    /// <summary>What the console last saved in its FriendInfo record.</summary>
    public byte[]? SavedInfo { get; set; }

    /// <summary>NAS login (after acctcreate, as a new console does), GPCM login, then a SAKE client with the login ticket.</summary>
    public static async Task<SakeConsole> SignInAsync(IPEndPoint http, IPEndPoint gpcm, UserContext ctx)
    {
        using var nas = new NasClient(http);
        var session = await SignedInConsole.SignInAsync(nas, gpcm, EmulatedConsole.CreateWii()).WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
        var ticket = session.Gpcm.Login?.LoginTicket;
        if (string.IsNullOrEmpty(ticket))
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("GPCM's login reply carried no login ticket (lt)");
        }
        var region = 1 + ctx.Random.Next(4);
        return new SakeConsole(session, new SakeClient(http, ticket, MkwFacts.GameName, MkwFacts.GameId), region, ctx.Random.Next());
    }

    /// <summary>Logs out (closes GPCM) and drops the HTTP connection.</summary>
    public async ValueTask CloseAsync()
    {
        Sake.Dispose();
        await Session.DisposeAsync().ConfigureAwait(false);
    }

    // The engine disposes a user's state when its clean did not run (a failed init, an aborted run).
    public void Dispose()
    {
        Sake.Dispose();
        _ = Session.DisposeAsync().AsTask();
    }
}
