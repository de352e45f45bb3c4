using System.Buffers;
using System.Globalization;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// <c>\bm\&lt;type&gt;\sesskey\…\t\&lt;to&gt;\msg\…</c>: a message to a friend. For DWC games the type
/// is 1 and the text a match command (<see cref="GpcmMatchCommandText"/>).
/// </summary>
/// <param name="Type">The buddy-message type.</param>
/// <param name="SessionKey">Echoed session key, null when absent or not a number.</param>
/// <param name="To">The target profile id (<c>t</c>).</param>
/// <param name="Message">The text (<c>msg</c>); empty when absent.</param>
public sealed record GpcmBuddyMessageRequest(GpBuddyMessageType Type, int? SessionKey, uint To, string Message) : GpcmClientMessage
{
    internal static GpcmParseResult FromMessage(GameSpyMessage message)
    {
        if (message.CommandValue.Length is 0 or > 5
            || !int.TryParse(message.CommandValue, NumberStyles.None, CultureInfo.InvariantCulture, out var type)
            || !GpcmFields.TryReadProfileId(message.GetValueOrNull("t"), out var to))
        {
            return GpcmParseResult.Fail(GpError.For(GpErrorCode.BuddyMessage));
        }

        return GpcmParseResult.Ok(new GpcmBuddyMessageRequest((GpBuddyMessageType)type, GpcmFields.ReadSessionKey(message), to,
            message.GetValueOrNull("msg") ?? string.Empty));
    }

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("bm", (int)Type);
        if (SessionKey is { } key)
        {
            writer.Write("sesskey", key);
        }

        writer.Write("t", To);
        writer.Write("msg", Message);
        writer.WriteFinal();
    }
}
