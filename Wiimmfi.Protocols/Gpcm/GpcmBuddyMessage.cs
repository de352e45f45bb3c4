using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// A buddy message delivered by the server: <c>\bm\&lt;type&gt;\f\&lt;from&gt;[\date\&lt;unix&gt;]\msg\&lt;text&gt;\final\</c>.
/// </summary>
/// <param name="Type">The buddy-message type.</param>
/// <param name="From">The sender's profile id.</param>
/// <param name="Message">The text.</param>
/// <param name="Date">Unix time, sent only when set (friend requests).</param>
public sealed record GpcmBuddyMessage(GpBuddyMessageType Type, uint From, string Message, long? Date = null) : IGameSpyWritable
{
    /// <summary>A presence update (<c>\bm\100</c>) from <paramref name="from"/>.</summary>
    public static GpcmBuddyMessage Status(uint from, GpcmPresence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        return new GpcmBuddyMessage(GpBuddyMessageType.Status, from, presence.ToStatusText());
    }

    /// <summary>The offline presence of <paramref name="from"/>, sent to friends when it logs out.</summary>
    public static GpcmBuddyMessage Offline(uint from) => new(GpBuddyMessageType.Status, from, GpcmPresence.OfflineText);

    /// <summary>
    /// The stand-in presence sent (in the same write) before relaying a message from a sender the
    /// receiver has never had a status from; DWC drops the message otherwise.
    /// </summary>
    public static GpcmBuddyMessage PlaceholderStatus(uint from) => new(GpBuddyMessageType.Status, from, GpcmPresence.PlaceholderText);

    /// <summary>"You were authorised" (<c>\bm\4</c>, empty text).</summary>
    public static GpcmBuddyMessage Authorized(uint from) => new(GpBuddyMessageType.Auth, from, string.Empty);

    /// <summary>A relayed text message (<c>\bm\1</c>), e.g. a match command.</summary>
    public static GpcmBuddyMessage Text(uint from, string text) => new(GpBuddyMessageType.Message, from, text);

    /// <summary>A friend request (<c>\bm\2</c>): reason + <c>|signed|</c> + signature, with the date.</summary>
    public static GpcmBuddyMessage AddRequest(uint from, string reason, string signature, DateTimeOffset now) =>
        new(GpBuddyMessageType.Request, from, reason + "|signed|" + signature, now.ToUnixTimeSeconds());

    /// <summary>Reads a delivered buddy message (console emulator).</summary>
    public static bool TryParse(GameSpyMessage message, [NotNullWhen(true)] out GpcmBuddyMessage? buddyMessage)
    {
        buddyMessage = null;
        if (message.Command != "bm"
            || !int.TryParse(message.CommandValue, NumberStyles.None, CultureInfo.InvariantCulture, out var type)
            || !GpcmFields.TryReadProfileId(message.GetValueOrNull("f"), out var from))
        {
            return false;
        }

        long? date = long.TryParse(message.GetValueOrNull("date"), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
        buddyMessage = new GpcmBuddyMessage((GpBuddyMessageType)type, from, message.GetValueOrNull("msg") ?? string.Empty, date);
        return true;
    }

    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("bm", (int)Type);
        writer.Write("f", From);
        if (Date is { } date)
        {
            writer.Write("date", date);
        }

        writer.Write("msg", Message);
        writer.WriteFinal();
    }
}
