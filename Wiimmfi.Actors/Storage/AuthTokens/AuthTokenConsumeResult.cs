using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Actors.Storage;

/// <summary>How redeeming a token ended.</summary>
public enum AuthTokenConsumeStatus
{
    /// <summary>The token was valid and is now used up (GPCM continues the login).</summary>
    Consumed,

    /// <summary>Never issued, or already used (GPCM error 266, bad pre-authentication).</summary>
    Unknown,

    /// <summary>Issued but past its expiry; it has been removed (GPCM error 268, login ticket expired).</summary>
    Expired,
}

/// <summary>The outcome of <see cref="IAuthTokenStore.ConsumeAsync"/>; <see cref="Token"/> is set unless <see cref="AuthTokenConsumeStatus.Unknown"/>.</summary>
public sealed record AuthTokenConsumeResult(AuthTokenConsumeStatus Status, AuthToken? Token)
{
    [MemberNotNullWhen(true, nameof(Token))]
    public bool IsConsumed => Status == AuthTokenConsumeStatus.Consumed;
}
