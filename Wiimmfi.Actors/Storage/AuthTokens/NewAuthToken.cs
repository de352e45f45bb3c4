namespace Wiimmfi.Actors.Storage;

/// <summary>
/// What NAS <c>login</c> binds to the token it hands out (nas.md §6.2, §6.5), for GPCM to
/// redeem once. The token is opaque: NAS makes it (<c>NDS</c> + random NWC-base64 characters).
/// </summary>
public sealed record NewAuthToken
{
    /// <summary>The token text, at most <see cref="StoreLimits.MaxTokenLength"/> characters; unique.</summary>
    public required string Token { get; init; }

    /// <summary>The 8-character NAS challenge, the "password" of the GPCM login proof.</summary>
    public required string Challenge { get; init; }

    /// <summary>The 43-bit NAS user id.</summary>
    public required long UserId { get; init; }

    /// <summary>The gsbrcd; with <see cref="UserId"/> the profile key.</summary>
    public required string Gsbrcd { get; init; }

    /// <summary>The disc's ID4 (<c>gamecd</c>).</summary>
    public required string GameCode { get; init; }

    /// <summary>The profile of (user id, gsbrcd) when it already exists at NAS time.</summary>
    public uint? ProfileId { get; init; }

    /// <summary>The console's MAC address (<c>macadr</c>).</summary>
    public string? Mac { get; init; }

    /// <summary>The console friend code (<c>cfc</c>).</summary>
    public long? ConsoleFriendCode { get; init; }

    /// <summary><c>unitcd</c>: 0 DS, 1 Wii.</summary>
    public byte UnitCode { get; init; }

    /// <summary><c>region</c>, 0xFF when absent.</summary>
    public byte Region { get; init; } = 0xFF;

    /// <summary><c>lang</c>, 0xFF when absent.</summary>
    public byte Language { get; init; } = 0xFF;

    /// <summary>The in-game name (<c>ingamesn</c>, or <c>devname</c> on DS).</summary>
    public string? InGameNick { get; init; }

    /// <summary>After this moment the token is refused (WiiLink: 10 minutes after issue).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
