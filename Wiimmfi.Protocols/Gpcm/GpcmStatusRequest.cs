using System.Buffers;
using System.Globalization;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// <c>\status\&lt;code&gt;\sesskey\…\statstring\…\locstring\…</c>: the console publishes its presence.
/// No reply; the server relays it to mutually-authorised friends as <c>\bm\100</c>.
/// </summary>
/// <param name="Status">The status code.</param>
/// <param name="SessionKey">Echoed session key, null when absent or not a number.</param>
/// <param name="StatString">DWC matchmaking keys; empty when absent.</param>
/// <param name="LocString">The game's status blob (NWC base64 of up to 189 bytes); empty when absent.</param>
public sealed record GpcmStatusRequest(DwcStatus Status, int? SessionKey, string StatString, string LocString) : GpcmClientMessage
{
    /// <summary>
    /// Bound on statstring and locstring: a locstring holds at most 189 bytes (252 base64
    /// characters, DWC_SetOwnStatusData); statstrings are a few short keys.
    /// </summary>
    public const int MaxFieldLength = 256;

    /// <summary>The presence friends should receive.</summary>
    public GpcmPresence ToPresence() => new(Status, StatString, LocString);

    internal static GpcmParseResult FromMessage(GameSpyMessage message)
    {
        var statString = message.GetValueOrNull("statstring") ?? string.Empty;
        var locString = message.GetValueOrNull("locstring") ?? string.Empty;
        if (message.CommandValue.Length is 0 or > 10
            || !int.TryParse(message.CommandValue, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || statString.Length > MaxFieldLength
            || locString.Length > MaxFieldLength)
        {
            return GpcmParseResult.Fail(GpError.For(GpErrorCode.Status));
        }

        return GpcmParseResult.Ok(new GpcmStatusRequest((DwcStatus)code, GpcmFields.ReadSessionKey(message), statString, locString));
    }

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("status", (int)Status);
        if (SessionKey is { } key)
        {
            writer.Write("sesskey", key);
        }

        writer.Write("statstring", StatString);
        writer.Write("locstring", LocString);
        writer.WriteFinal();
    }
}
