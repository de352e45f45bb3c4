using System.Buffers;
using System.Globalization;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>
/// A request to GPSP (TCP 29901, same framing as GPCM, no greeting). Subtypes:
/// <see cref="GpspOthersListRequest"/> (the one Mario Kart Wii uses), <see cref="GpspSearchRequest"/>,
/// <see cref="GpspOthersRequest"/>, <see cref="GpspValidRequest"/>, <see cref="GpspNicksRequest"/>,
/// <see cref="GpspCheckRequest"/>, <see cref="GpspNewUserRequest"/>, <see cref="GpspUniqueSearchRequest"/>,
/// <see cref="GpspUnansweredRequest"/> (<c>pmatch</c>, <c>profilelist</c>), <see cref="GpspKeepAlive"/>
/// and <see cref="GpspUnknownCommand"/>.
/// </summary>
/// <remarks>
/// The PC-only commands are parsed so that a server can give the empty-but-well-formed answers
/// DWC games are content with; none carries a password field into the model.
/// </remarks>
public abstract record GpspRequest : IGameSpyWritable
{
    /// <summary>Turns a framed, parsed GameSpy message into a typed request or a GP error. Never throws on bad input.</summary>
    public static GpspParseResult Parse(GameSpyMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Command switch
        {
            "otherslist" => GpspOthersListRequest.FromMessage(message),
            "search" or "searchunique" => GpspParseResult.Ok(GpspSearchRequest.FromMessage(message)),
            "others" => GpspOthersRequest.FromMessage(message),
            "valid" => GpspValidRequest.FromMessage(message),
            "nicks" => GpspNicksRequest.FromMessage(message),
            "check" => GpspCheckRequest.FromMessage(message),
            "newuser" => GpspNewUserRequest.FromMessage(message),
            "uniquesearch" => GpspUniqueSearchRequest.FromMessage(message),
            "pmatch" or "profilelist" => GpspParseResult.Ok(new GpspUnansweredRequest(message)),
            "ka" => GpspParseResult.Ok(GpspKeepAlive.Instance),
            _ => GpspParseResult.Ok(new GpspUnknownCommand(message)),
        };
    }

    /// <inheritdoc />
    public abstract void WriteTo(IBufferWriter<byte> output);

    internal static int? ReadInt(GameSpyMessage message, string key) =>
        message.TryGetValue(key, out var text) && text.Length is >= 1 and <= 11
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    internal static bool TryReadProfileId(string? text, out uint profileId)
    {
        profileId = 0;
        return text is { Length: >= 1 and <= 10 }
               && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out profileId)
               && profileId != 0;
    }

    internal static void WriteIfSet(GameSpyMessageWriter writer, string key, string? value)
    {
        if (value is not null)
        {
            writer.Write(key, value);
        }
    }

    internal static void WriteIfSet(GameSpyMessageWriter writer, string key, long? value)
    {
        if (value is { } number)
        {
            writer.Write(key, number);
        }
    }
}
