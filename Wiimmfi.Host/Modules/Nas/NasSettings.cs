namespace Wiimmfi.Host.Modules.Nas;

/// <summary>The NAS behaviour a node is configured with (from <c>wiimmfi.nas</c>).</summary>
/// <param name="Maintenance">Refuse logins and account creation with returncd 101.</param>
/// <param name="TokenLifetime">How long a login token may wait for its GPCM login.</param>
/// <param name="DisabledGames">Game codes or prefixes of them (<c>RMC</c>, <c>RMCE</c>) refused with returncd 107.</param>
public sealed record NasSettings(bool Maintenance, TimeSpan TokenLifetime, IReadOnlyList<string> DisabledGames)
{
    /// <summary>True when <paramref name="gameCode"/> (a disc ID4) is switched off.</summary>
    public bool IsDisabled(string? gameCode)
    {
        if (string.IsNullOrEmpty(gameCode))
        {
            return false;
        }

        foreach (var prefix in DisabledGames)
        {
            if (gameCode.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
