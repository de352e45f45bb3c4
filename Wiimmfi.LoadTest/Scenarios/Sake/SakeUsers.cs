using System.Net;
using Wiimmfi.LoadTest.Engine;

namespace Wiimmfi.LoadTest.Scenarios.Sake;

/// <summary>What the SAKE scenarios share: the ports they use and a user's sign-in (init) and sign-out (clean).</summary>
internal static class SakeUsers
{
    /// <summary>The node's public HTTP listener: NAS, and SAKE routed by the Host header.</summary>
    public const string HttpPort = "nas";
    public const string GpcmPort = "gpcm";
    public const int DefaultHttpPort = 80;
    public const int DefaultGpcmPort = 29900;

    public static IReadOnlyDictionary<string, int> DefaultPorts { get; } =
        new Dictionary<string, int> { [HttpPort] = DefaultHttpPort, [GpcmPort] = DefaultGpcmPort };

    public static async ValueTask<Response> SignInAsync(UserContext ctx, IPEndPoint http, IPEndPoint gpcm)
    {
        ctx.State = await SakeConsole.SignInAsync(http, gpcm, ctx).ConfigureAwait(false);
        return Response.Ok();
    }

    public static async ValueTask<Response> SignOutAsync(UserContext ctx)
    {
        if (ctx.State is SakeConsole console)
        {
            ctx.State = null;
            await console.CloseAsync().ConfigureAwait(false);
        }
        return Response.Ok();
    }
}
