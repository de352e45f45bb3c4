using System.Net;
using System.Text;

namespace Wiimmfi.ConsoleEmulator.Nas;

/// <summary>A NAS reply as the console reads it: HTTP status, the decoded <c>key=value</c> pairs, the raw body.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Values">Decoded values (NWC base64 undone), empty when the body was not a NAS reply.</param>
/// <param name="Body">The body as received.</param>
/// <param name="Headers">Response headers, for checks like <c>X-Organization</c>.</param>
public sealed record NasAnswer(HttpStatusCode Status, IReadOnlyDictionary<string, byte[]> Values, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A value as text (one character per byte), or null.</summary>
    public string? Text(string key) => Values.TryGetValue(key, out var value) ? Encoding.Latin1.GetString(value) : null;

    /// <summary><c>returncd</c>, e.g. <c>001</c>.</summary>
    public string? ReturnCode => Text("returncd");

    /// <summary>The login token for GPCM.</summary>
    public string? Token => Text("token");

    /// <summary>The NAS challenge (the "password" of the GPCM proof).</summary>
    public string? Challenge => Text("challenge");
}
