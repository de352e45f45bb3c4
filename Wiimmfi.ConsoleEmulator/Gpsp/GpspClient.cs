using System.Net;
using Wiimmfi.ConsoleEmulator.Gpcm;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpsp;

namespace Wiimmfi.ConsoleEmulator.Gpsp;

/// <summary>
/// A GPSP search connection (TCP 29901): no greeting, one request, one answer — the way Mario Kart Wii
/// asks for its friends' nicks with <c>\otherslist\</c>.
/// </summary>
public sealed class GpspClient : IAsyncDisposable
{
    private GpspClient(GameSpyStream stream) => Stream = stream;

    /// <summary>The message stream (for raw sends and waits).</summary>
    public GameSpyStream Stream { get; }

    public static async Task<GpspClient> ConnectAsync(IPEndPoint target, CancellationToken cancellationToken = default) =>
        new(await GameSpyStream.ConnectAsync(target, cancellationToken).ConfigureAwait(false));

    /// <summary>Sends a request and returns the next message the server sends.</summary>
    public async Task<GameSpyMessage> RequestAsync(IGameSpyWritable request, TimeSpan? timeout = null)
    {
        await Stream.SendAsync(request).ConfigureAwait(false);
        return await Stream.ReceiveAsync(timeout).ConfigureAwait(false);
    }

    /// <summary><c>\otherslist\</c> as MKW sends it: the answer, or the server's error.</summary>
    public async Task<(GpspOthersListReply? Reply, GpError? Error)> OthersListAsync(uint profileId, int sessionKey, IReadOnlyList<uint> friends,
        string gameName = "mariokartwii")
    {
        var answer = await RequestAsync(new GpspOthersListRequest(sessionKey, profileId, friends, 16, gameName)).ConfigureAwait(false);
        return GpspOthersListReply.TryParse(answer, out var reply) ? (reply, null) : (null, GpError.TryParse(answer, out var error) ? error : null);
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
