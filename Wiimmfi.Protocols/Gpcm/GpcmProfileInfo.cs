using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// <c>\pi\\profileid\…\nick\…\userid\…\email\…\sig\…\uniquenick\…\firstname\…\lastname\…\pid\11\lon\…\lat\…\loc\…\id\…\final\</c>:
/// the answer to <c>\getprofile\</c>.
/// </summary>
/// <remarks>
/// <see cref="ForOwner"/> and <see cref="ForOthers"/> apply WiiLink's privacy rule: a real nick
/// contains the console user id, so other players see a placeholder nick and user id 0.
/// First and last name are left out when null (AltWFC omits empty ones).
/// </remarks>
public sealed record GpcmProfileInfo(
    uint ProfileId,
    string Nick,
    ulong UserId,
    string Email,
    string Signature,
    string UniqueNick,
    string? FirstName,
    string? LastName,
    string PartnerId,
    string Longitude,
    string Latitude,
    string Location,
    string? OperationId) : IGameSpyWritable
{
    /// <summary>The profile as its owner sees it.</summary>
    /// <param name="profileId">The profile.</param>
    /// <param name="userId">The console user id.</param>
    /// <param name="uniqueNick">The real unique nick.</param>
    /// <param name="firstName">Stored first name (e.g. <c>Wii:&lt;cfc&gt;@RMCJ</c>), or null.</param>
    /// <param name="lastName">Stored last name, or null.</param>
    /// <param name="location">The current locstring when online, else empty.</param>
    /// <param name="operationId">The request's <c>id</c>.</param>
    public static GpcmProfileInfo ForOwner(uint profileId, ulong userId, string uniqueNick, string? firstName, string? lastName, string location, string? operationId) =>
        new(profileId, uniqueNick, userId, uniqueNick + "@nds", CreateSignature(), uniqueNick, firstName, lastName, "11", "0.000000", "0.000000", location, operationId);

    /// <summary>The profile as other players see it: placeholder nick from the gsbrcd, user id 0.</summary>
    public static GpcmProfileInfo ForOthers(uint profileId, string gsbrcd, string? firstName, string location, string? operationId)
    {
        var placeholder = Common.UniqueNick.CreatePlaceholder(gsbrcd);
        return new GpcmProfileInfo(profileId, placeholder, 0, placeholder + "@nds", CreateSignature(), placeholder, firstName, placeholder,
            "11", "0.000000", "0.000000", location, operationId);
    }

    /// <summary>32 random lower-case hex digits for <c>sig</c>.</summary>
    public static string CreateSignature() => RandomText.Create(32, "0123456789abcdef");

    /// <summary>Reads a profile reply (console emulator).</summary>
    public static bool TryParse(GameSpyMessage message, [NotNullWhen(true)] out GpcmProfileInfo? info)
    {
        info = null;
        if (message.Command != "pi" || !GpcmFields.TryReadProfileId(message.GetValueOrNull("profileid"), out var profileId))
        {
            return false;
        }

        _ = ulong.TryParse(message.GetValueOrNull("userid"), NumberStyles.None, CultureInfo.InvariantCulture, out var userId);
        info = new GpcmProfileInfo(profileId, message.GetValueOrNull("nick") ?? string.Empty, userId,
            message.GetValueOrNull("email") ?? string.Empty, message.GetValueOrNull("sig") ?? string.Empty,
            message.GetValueOrNull("uniquenick") ?? string.Empty, message.GetValueOrNull("firstname"), message.GetValueOrNull("lastname"),
            message.GetValueOrNull("pid") ?? string.Empty, message.GetValueOrNull("lon") ?? string.Empty,
            message.GetValueOrNull("lat") ?? string.Empty, message.GetValueOrNull("loc") ?? string.Empty, message.GetValueOrNull("id"));
        return true;
    }

    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("pi", string.Empty);
        writer.Write("profileid", ProfileId);
        writer.Write("nick", Nick);
        writer.Write("userid", UserId);
        writer.Write("email", Email);
        writer.Write("sig", Signature);
        writer.Write("uniquenick", UniqueNick);
        if (FirstName is not null)
        {
            writer.Write("firstname", FirstName);
        }

        if (LastName is not null)
        {
            writer.Write("lastname", LastName);
        }

        writer.Write("pid", PartnerId);
        writer.Write("lon", Longitude);
        writer.Write("lat", Latitude);
        writer.Write("loc", Location);
        if (OperationId is not null)
        {
            writer.Write("id", OperationId);
        }

        writer.WriteFinal();
    }
}
