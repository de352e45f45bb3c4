using System.Net;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.ConsoleEmulator.Gpcm;

/// <summary>
/// A console's GPCM connection (TCP 29900): reads the server challenge, logs in with a NAS token the way
/// the GP SDK does (and checks the server's proof), and sends the commands Mario Kart Wii uses —
/// status, friends, profile reads and updates, buddy messages, keep-alives, logout. Everything the server
/// sends is queued on <see cref="Stream"/>; the <c>WaitFor…</c> helpers pick what a test expects.
/// </summary>
public sealed class GpcmClient : IAsyncDisposable
{
    private GpcmClient(GameSpyStream stream, string serverChallenge)
    {
        Stream = stream;
        ServerChallenge = serverChallenge;
    }

    /// <summary>The message stream (for raw sends and waits).</summary>
    public GameSpyStream Stream { get; }

    /// <summary>The challenge of the server's <c>\lc\1</c>.</summary>
    public string ServerChallenge { get; }

    /// <summary>The accepted login, once logged in.</summary>
    public GpcmLoginReply? Login { get; private set; }

    /// <summary>The session key handed out at login (0 before).</summary>
    public int SessionKey => Login?.SessionKey ?? 0;

    /// <summary>The profile id handed out at login (0 before).</summary>
    public uint ProfileId => Login?.ProfileId ?? 0;

    /// <summary>Connects and reads the server's greeting.</summary>
    public static async Task<GpcmClient> ConnectAsync(IPEndPoint target, CancellationToken cancellationToken = default)
    {
        var stream = await GameSpyStream.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        try
        {
            var greeting = await stream.ReceiveAsync().ConfigureAwait(false);
            if (!GpcmLoginChallenge.TryParse(greeting, out var challenge))
            {
                throw new InvalidOperationException($"GPCM did not greet with \\lc\\1 but with {greeting}");
            }

            return new GpcmClient(stream, challenge.ServerChallenge);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Logs in with the NAS token and challenge as Mario Kart Wii does. <paramref name="response"/> overrides the
    /// computed response (to test a wrong one).
    /// </summary>
    public async Task<GpcmLoginOutcome> LoginAsync(string authToken, string nasChallenge, string gameName = "mariokartwii", string? response = null,
        int sdkRevision = 3)
    {
        var clientChallenge = GpcmLoginProof.CreateClientChallenge();
        response ??= GpcmLoginProof.ComputeResponse(nasChallenge, authToken, clientChallenge, ServerChallenge);
        var request = GpcmLoginRequest.ForMarioKartWii(clientChallenge, authToken, response) with { GameName = gameName, SdkRevision = sdkRevision };
        await Stream.SendAsync(request).ConfigureAwait(false);
        var answer = await Stream.WaitForAsync(m => m.Command is "lc" or "error").ConfigureAwait(false);
        if (GpError.TryParse(answer, out var error))
        {
            return new GpcmLoginOutcome(null, error, false);
        }

        if (!GpcmLoginReply.TryParse(answer, out var reply))
        {
            throw new InvalidOperationException($"GPCM answered the login with {answer}");
        }

        var proofIsValid = reply.Proof == GpcmLoginProof.ComputeProof(nasChallenge, authToken, clientChallenge, ServerChallenge);
        Login = reply;
        return new GpcmLoginOutcome(reply, null, proofIsValid);
    }

    /// <summary><c>\status\</c>: publish the console's presence.</summary>
    public Task SetStatusAsync(DwcStatus status, string statString = "", string locString = "") =>
        Stream.SendAsync(new GpcmStatusRequest(status, SessionKey, statString, locString));

    /// <summary><c>\addbuddy\</c>.</summary>
    public Task AddBuddyAsync(uint profileId) => Stream.SendAsync(new GpcmAddBuddyRequest(SessionKey, profileId, ""));

    /// <summary><c>\authadd\</c>.</summary>
    public Task AuthAddAsync(uint profileId) => Stream.SendAsync(new GpcmAuthAddRequest(SessionKey, profileId, ""));

    /// <summary><c>\delbuddy\</c>.</summary>
    public Task DelBuddyAsync(uint profileId) => Stream.SendAsync(new GpcmDelBuddyRequest(SessionKey, profileId));

    /// <summary><c>\bm\</c>: a buddy message (type 1 carries match commands).</summary>
    public Task SendBuddyMessageAsync(uint to, string text, GpBuddyMessageType type = GpBuddyMessageType.Message) =>
        Stream.SendAsync(new GpcmBuddyMessageRequest(type, SessionKey, to, text));

    /// <summary><c>\updatepro\</c> with the first name MKW sets (<c>Wii:&lt;cfc&gt;@&lt;ID4&gt;</c>).</summary>
    public Task UpdateProfileAsync(string? firstName, string? lastName = null)
    {
        var fields = new List<GameSpyField>();
        if (firstName is not null)
        {
            fields.Add(new GameSpyField("firstname", firstName));
        }

        if (lastName is not null)
        {
            fields.Add(new GameSpyField("lastname", lastName));
        }

        return Stream.SendAsync(new GpcmUpdateProRequest(SessionKey, fields));
    }

    /// <summary><c>\getprofile\</c> → <c>\pi\</c> (or the error the server sent).</summary>
    public async Task<(GpcmProfileInfo? Profile, GpError? Error)> GetProfileAsync(uint profileId, string operationId = "2")
    {
        await Stream.SendAsync(new GpcmGetProfileRequest(SessionKey, profileId, operationId)).ConfigureAwait(false);
        var answer = await Stream.WaitForAsync(m => m.Command is "pi" or "error").ConfigureAwait(false);
        return GpcmProfileInfo.TryParse(answer, out var info) ? (info, null) : (null, GpError.TryParse(answer, out var error) ? error : null);
    }

    /// <summary><c>\ka\</c>.</summary>
    public Task KeepAliveAsync() => Stream.SendAsync(GpcmKeepAlive.Instance);

    /// <summary><c>\logout\</c>.</summary>
    public Task LogoutAsync() => Stream.SendAsync(new GpcmLogoutRequest(SessionKey));

    /// <summary>Waits for a buddy message that matches (statuses, auth notices, relayed messages), skipping others.</summary>
    public async Task<GpcmBuddyMessage> WaitForBuddyMessageAsync(Func<GpcmBuddyMessage, bool> match, TimeSpan? timeout = null)
    {
        var message = await Stream.WaitForAsync(m => GpcmBuddyMessage.TryParse(m, out var bm) && match(bm), timeout).ConfigureAwait(false);
        GpcmBuddyMessage.TryParse(message, out var buddyMessage);
        return buddyMessage!;
    }

    /// <summary>Waits for a status (<c>\bm\100</c>) from <paramref name="from"/> that matches.</summary>
    public async Task<GpcmPresence> WaitForStatusAsync(uint from, Func<GpcmPresence, bool>? match = null, TimeSpan? timeout = null)
    {
        var message = await WaitForBuddyMessageAsync(
            bm => bm.Type == GpBuddyMessageType.Status && bm.From == from && GpcmPresence.TryParse(bm.Message, out var p) && (match?.Invoke(p) ?? true),
            timeout).ConfigureAwait(false);
        GpcmPresence.TryParse(message.Message, out var presence);
        return presence!;
    }

    /// <summary>Waits for an <c>\error\</c>, skipping other messages.</summary>
    public async Task<GpError> WaitForErrorAsync(TimeSpan? timeout = null)
    {
        var message = await Stream.WaitForAsync(m => m.Command == "error", timeout).ConfigureAwait(false);
        GpError.TryParse(message, out var error);
        return error!;
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
