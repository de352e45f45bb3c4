using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.SwitchTime;

/// <summary>
/// What a switch-time measurement does: sign in <see cref="Consoles"/> idle consoles plus <see cref="Probes"/> busy
/// ones, then ask the node for <see cref="Rounds"/> smart restarts, <see cref="Settle"/> apart.
/// </summary>
/// <param name="Target">The node (ports nas, gpcm and management are needed).</param>
/// <param name="Consoles">Idle logged-in consoles held open through every switch.</param>
/// <param name="Probes">Consoles that send getprofile back to back, so the gap in their answers shows the switch.</param>
/// <param name="Rounds">Smart restarts in a row.</param>
/// <param name="Settle">Time before and after each restart in which the probes run.</param>
/// <param name="AdminUser">Management user for <c>POST /admin/restart</c>.</param>
/// <param name="AdminPassword">Its password.</param>
/// <param name="SignInConcurrency">Consoles signing in at once.</param>
/// <param name="MaxDuration">Hard bound on the whole measurement; it stops by itself after this.</param>
public sealed record SwitchTimeSettings(
    LoadTarget Target,
    int Consoles,
    int Probes,
    int Rounds,
    TimeSpan Settle,
    string AdminUser,
    string AdminPassword,
    int SignInConcurrency,
    TimeSpan MaxDuration)
{
    /// <summary>Consoles one load process may hold: each is one socket, and a process may hold 20,000 files here.</summary>
    public const int MaxConsoles = 18_000;

    public void Validate()
    {
        if (Consoles is < 0 or > MaxConsoles) throw new ArgumentException($"--consoles must be 0 to {MaxConsoles:N0} (one socket each; spread more over several processes)");
        if (Probes is < 1 or > 64) throw new ArgumentException("--probes must be 1 to 64");
        if (Rounds is < 1 or > 20) throw new ArgumentException("--rounds must be 1 to 20");
        if (Settle < TimeSpan.FromMilliseconds(100) || Settle > TimeSpan.FromMinutes(1)) throw new ArgumentException("--settle must be 100ms to 1m");
        if (SignInConcurrency is < 1 or > 1024) throw new ArgumentException("--sign-in-concurrency must be 1 to 1024");
        if (MaxDuration <= TimeSpan.Zero || MaxDuration > TimeSpan.FromHours(1)) throw new ArgumentException("--max-duration must be above 0 and at most 1h");
    }
}
