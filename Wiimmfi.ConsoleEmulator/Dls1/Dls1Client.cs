using System.Net;
using System.Text;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Dls1;

namespace Wiimmfi.ConsoleEmulator.Dls1;

/// <summary>
/// Talks to DLS1 like a DS or Wii game after <c>svcloc</c>: <c>POST /download</c> on <c>dls1.nintendowifi.net</c> with a
/// NAS-style form whose values are NWC base64.
/// </summary>
public sealed class Dls1Client(IPEndPoint server) : IDisposable
{
    private readonly ServiceHttp _http = new(server, "dls1.nintendowifi.net");

    /// <summary>Posts the form built from <paramref name="fields"/> (values encoded as the console does).</summary>
    public async Task<ServiceHttpAnswer> PostAsync(IEnumerable<(string Key, string Value)> fields, CancellationToken cancellationToken = default)
    {
        var form = string.Join('&', fields.Select(f => f.Key + "=" + Uri.EscapeDataString(NwcBase64.Encode(Encoding.Latin1.GetBytes(f.Value)))));
        using var message = ServiceHttp.Post(Dls1Wire.Path, Encoding.ASCII.GetBytes(form), "application/x-www-form-urlencoded");
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await ServiceHttp.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The usual fields of a request for <paramref name="gameCode"/> plus the given extras.</summary>
    public static IEnumerable<(string Key, string Value)> Form(string action, string gameCode, params (string Key, string Value)[] extra) =>
        new[] { ("action", action), ("gamecd", gameCode), ("rhgamecd", gameCode), ("token", "NDSsampletoken"), ("userid", "1234567890123") }.Concat(extra);

    public void Dispose() => _http.Dispose();
}
