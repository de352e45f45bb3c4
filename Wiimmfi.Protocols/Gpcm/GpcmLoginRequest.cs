using System.Buffers;
using System.Globalization;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// <c>\login\</c>: the console presents its NAS token, its challenge and its response.
/// </summary>
/// <param name="ClientChallenge"><c>challenge</c>: the console's random challenge (CC).</param>
/// <param name="AuthToken"><c>authtoken</c>: the NAS token exactly as received.</param>
/// <param name="Response"><c>response</c>: 32 lower-case hex digits, see <see cref="GpcmLoginProof"/>.</param>
/// <param name="GameName"><c>gamename</c>, e.g. <c>mariokartwii</c>; empty when absent.</param>
/// <param name="SdkRevision"><c>sdkrevision</c> feature bits (MKW: 3); 0 when absent. Bit 3 asks for <c>\bdy\</c>/<c>\blk\</c> after login.</param>
/// <param name="OperationId"><c>id</c>, echoed in <c>\lc\2</c> and in errors.</param>
/// <param name="ProfileId"><c>profileid</c> sent by consoles that already know theirs.</param>
/// <param name="UserId"><c>userid</c> sent by consoles that already know theirs.</param>
/// <param name="PartnerId"><c>partnerid</c> (11 for Nintendo).</param>
/// <param name="ProductId"><c>productid</c> (MKW: 11059).</param>
/// <param name="NamespaceId"><c>namespaceid</c> (MKW: 16).</param>
/// <param name="Firewall"><c>firewall</c>.</param>
/// <param name="Port"><c>port</c>.</param>
/// <param name="Quiet"><c>quiet</c>.</param>
/// <param name="OtherFields">Keys not listed above (e.g. WiiLink's <c>wl:*</c>), in order.</param>
public sealed record GpcmLoginRequest(
    string ClientChallenge,
    string AuthToken,
    string Response,
    string GameName,
    int SdkRevision,
    string? OperationId,
    uint? ProfileId = null,
    ulong? UserId = null,
    string? PartnerId = null,
    string? ProductId = null,
    string? NamespaceId = null,
    string? Firewall = null,
    string? Port = null,
    string? Quiet = null,
    IReadOnlyList<GameSpyField>? OtherFields = null) : GpcmClientMessage
{
    /// <summary>Longest accepted client challenge (consoles send 32 characters).</summary>
    public const int MaxClientChallengeLength = 64;

    /// <summary>Longest accepted game name (the longest known is 16 characters).</summary>
    public const int MaxGameNameLength = 64;

    /// <summary>sdkrevision bit asking for the buddy and block lists right after login.</summary>
    public const int ListRetrievalOnLoginBit = 1 << 3;

    private static readonly string[] ModelledKeys =
        ["challenge", "authtoken", "response", "gamename", "sdkrevision", "id", "profileid", "userid", "partnerid", "productid", "namespaceid", "firewall", "port", "quiet"];

    /// <summary>True when the console asked for <c>\bdy\</c> and <c>\blk\</c> after <c>\lc\2</c>.</summary>
    public bool WantsListsOnLogin => (SdkRevision & ListRetrievalOnLoginBit) != 0;

    /// <summary>A login as Mario Kart Wii sends it (console emulator).</summary>
    public static GpcmLoginRequest ForMarioKartWii(string clientChallenge, string authToken, string response) =>
        new(clientChallenge, authToken, response, "mariokartwii", 3, "1",
            PartnerId: "11", ProductId: "11059", NamespaceId: "16", Firewall: "1", Port: "0", Quiet: "0");

    internal static GpcmParseResult FromMessage(GameSpyMessage message)
    {
        var id = message.GetValueOrNull("id");
        var challenge = message.GetValueOrNull("challenge");
        var token = message.GetValueOrNull("authtoken");
        var response = message.GetValueOrNull("response");
        if (string.IsNullOrEmpty(challenge) || string.IsNullOrEmpty(token) || string.IsNullOrEmpty(response))
        {
            return GpcmParseResult.Fail(new GpError(GpErrorCode.Login, "The login is missing its challenge, token or response.", true, id));
        }

        var gameName = message.GetValueOrNull("gamename") ?? string.Empty;
        if (challenge.Length > MaxClientChallengeLength || token.Length > NasTokens.MaxLength || gameName.Length > MaxGameNameLength)
        {
            return GpcmParseResult.Fail(new GpError(GpErrorCode.Login, "A login field is too long.", true, id));
        }

        uint? profileId = null;
        if (message.TryGetValue("profileid", out var profileText))
        {
            if (!GpcmFields.TryReadProfileId(profileText, out var pid))
            {
                return GpcmParseResult.Fail(new GpError(GpErrorCode.Login, "The provided profile ID is invalid.", true, id));
            }

            profileId = pid;
        }

        ulong? userId = null;
        if (message.TryGetValue("userid", out var userText))
        {
            if (!ulong.TryParse(userText, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) || uid > UniqueNick.MaxUserId)
            {
                return GpcmParseResult.Fail(new GpError(GpErrorCode.Login, "The provided user ID is invalid.", true, id));
            }

            userId = uid;
        }

        return GpcmParseResult.Ok(new GpcmLoginRequest(
            challenge, token, response, gameName, GpcmFields.ReadInt(message, "sdkrevision") ?? 0, id, profileId, userId,
            message.GetValueOrNull("partnerid"), message.GetValueOrNull("productid"), message.GetValueOrNull("namespaceid"),
            message.GetValueOrNull("firewall"), message.GetValueOrNull("port"), message.GetValueOrNull("quiet"),
            GpcmFields.Except(message, ModelledKeys)));
    }

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("login", string.Empty);
        writer.Write("challenge", ClientChallenge);
        writer.Write("authtoken", AuthToken);
        WriteOptional(writer, "partnerid", PartnerId);
        writer.Write("response", Response);
        WriteOptional(writer, "firewall", Firewall);
        WriteOptional(writer, "port", Port);
        WriteOptional(writer, "productid", ProductId);
        writer.Write("gamename", GameName);
        WriteOptional(writer, "namespaceid", NamespaceId);
        writer.Write("sdkrevision", SdkRevision);
        WriteOptional(writer, "quiet", Quiet);
        if (UserId is { } userId)
        {
            writer.Write("userid", userId);
        }

        if (ProfileId is { } profileId)
        {
            writer.Write("profileid", profileId);
        }

        foreach (var field in OtherFields ?? [])
        {
            writer.Write(field.Key, field.Value);
        }

        WriteOptional(writer, "id", OperationId);
        writer.WriteFinal();
    }

    private static void WriteOptional(GameSpyMessageWriter writer, string key, string? value)
    {
        if (value is not null)
        {
            writer.Write(key, value);
        }
    }
}
