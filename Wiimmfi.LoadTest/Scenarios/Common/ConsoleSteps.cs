using System.Net;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.LoadTest.Engine;

namespace Wiimmfi.LoadTest.Scenarios.Common;

/// <summary>
/// The exchanges every console scenario is built from, each returning the engine's <see cref="Response"/> with the
/// bytes it moved: making an account, the NAS login, the GPCM login, a keep-alive. Failures a console would see
/// become named kinds (<c>nas-returncd-101</c>, <c>gpcm-error-260</c>, <c>gpcm-bad-proof</c>); socket trouble and
/// timeouts are left to the engine's naming.
/// </summary>
public static class ConsoleSteps
{
    /// <summary><c>acctcreate</c> for a console without a user id; the console with its id is returned as the second value.</summary>
    public static async ValueTask<(Response Response, EmulatedConsole Console)> EnsureAccountAsync(NasLoginClient nas, EmulatedConsole console, CancellationToken cancellationToken)
    {
        if (console.UserId is not null) return (Response.Ok(), console);
        var result = await nas.AcctCreateAsync(console, cancellationToken).ConfigureAwait(false);
        return result.IsOk
            ? (Response.Ok(result.BytesOut, result.BytesIn), console with { UserId = result.UserId })
            : (Response.Fail(result.ErrorKind!, result.Message, result.BytesOut, result.BytesIn), console);
    }

    /// <summary>NAS <c>login</c>: the token and challenge land in <paramref name="session"/>.</summary>
    public static async ValueTask<Response> NasLoginAsync(NasLoginClient nas, LoadConsole session, CancellationToken cancellationToken)
    {
        var result = await nas.LoginAsync(session.Console, cancellationToken).ConfigureAwait(false);
        session.Nas = result.IsOk ? result : null;
        return result.IsOk
            ? Response.Ok(result.BytesOut, result.BytesIn)
            : Response.Fail(result.ErrorKind!, result.Message, result.BytesOut, result.BytesIn);
    }

    /// <summary>Connect to GPCM, read <c>\lc\1</c>, log in with the NAS token, check the proof.</summary>
    public static async ValueTask<Response> GpcmLoginAsync(IPEndPoint gpcm, IPAddress? source, LoadConsole session, CancellationToken cancellationToken)
    {
        if (session.Nas is not { Token: { } token, Challenge: { } challenge })
            return Response.Fail("no-nas-token", "the NAS login did not give this console a token");
        session.Nas = null; // single use, like the server's token
        GpcmLoadConnection? connection = null;
        try
        {
            connection = await GpcmLoadConnection.ConnectAsync(gpcm, source, cancellationToken).ConfigureAwait(false);
            session.Gpcm = connection;
            await connection.LoginAsync(token, challenge, cancellationToken).ConfigureAwait(false);
            return Response.Ok(connection.BytesOut, connection.BytesIn);
        }
        catch (GpcmLoadException e)
        {
            return Response.Fail(e.Kind, e.Message, connection?.BytesOut ?? 0, connection?.BytesIn ?? 0);
        }
    }

    /// <summary>A <c>\ka\</c> round trip on a logged-in connection.</summary>
    public static async ValueTask<Response> KeepAliveAsync(GpcmLoadConnection connection, CancellationToken cancellationToken)
    {
        var (outBefore, inBefore) = (connection.BytesOut, connection.BytesIn);
        try
        {
            await connection.KeepAliveAsync(cancellationToken).ConfigureAwait(false);
            return Response.Ok(connection.BytesOut - outBefore, connection.BytesIn - inBefore);
        }
        catch (GpcmLoadException e)
        {
            return Response.Fail(e.Kind, e.Message, connection.BytesOut - outBefore, connection.BytesIn - inBefore);
        }
    }
}

/// <summary>
/// One emulated console's sign-in state: its identity, the NAS reply waiting to be redeemed, its GPCM connection.
/// Disposing it (the engine does when its user leaves) closes what is still open and gives the identity back to
/// its pool, if it came from one.
/// </summary>
public sealed class LoadConsole(EmulatedConsole console, ConsolePool? pool = null) : IDisposable
{
    public EmulatedConsole Console { get; set; } = console;

    public NasResult? Nas { get; set; }

    public GpcmLoadConnection? Gpcm { get; set; }

    public uint ProfileId => Gpcm?.ProfileId ?? 0;

    /// <summary>Logs out (<c>\logout\</c>, FIN) and closes the connection, if there is one.</summary>
    public async ValueTask LogoutAsync(CancellationToken cancellationToken)
    {
        if (Gpcm is not { } connection) return;
        Gpcm = null;
        try
        {
            await connection.LogoutAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        // The last resort when a clean did not run: the socket closes, the server sees a logout.
        if (Gpcm is { } connection) _ = connection.DisposeAsync().AsTask();
        Gpcm = null;
        pool?.Return(Console);
        pool = null;
    }
}
