using System.Globalization;

namespace Wiimmfi.LoadTest.Scenarios.Matchmaking;

/// <summary>
/// Sizes of the matchmaking scenarios that the command line's load options do not cover: how many consoles the
/// fleet registers, and how many heartbeats one step sends. Taken from the environment
/// (<c>WIIMMFI_LOAD_HOSTS</c>, <c>WIIMMFI_LOAD_HEARTBEAT_BATCH</c>) so <c>wiimmfi-load run</c> needs no
/// scenario-specific options; tests pass them directly.
/// </summary>
/// <param name="Hosts">Consoles registered before the load starts (10,000: the table size).</param>
/// <param name="HeartbeatsPerStep">Heartbeats one <c>heartbeats</c> step sends (100: at <c>--rate 1000</c> that is
/// 100,000 heartbeats a second, with the engine's per-step cost spread over a hundred datagrams).</param>
public sealed record MatchmakingLoadSettings(int Hosts = 10_000, int HeartbeatsPerStep = 100)
{
    public const string HostsVariable = "WIIMMFI_LOAD_HOSTS";
    public const string BatchVariable = "WIIMMFI_LOAD_HEARTBEAT_BATCH";

    /// <summary>Largest batch: one step should stay well under a millisecond of sending per hundred.</summary>
    public const int MaxHeartbeatsPerStep = 10_000;

    /// <summary>The defaults, overridden by the environment; a value out of range throws
    /// <see cref="InvalidOperationException"/> naming the variable (the command line reports it as a usage error).</summary>
    public static MatchmakingLoadSettings FromEnvironment() => From(Environment.GetEnvironmentVariable);

    /// <summary>The defaults, overridden by the variables <paramref name="variables"/> knows (null: not set).</summary>
    public static MatchmakingLoadSettings From(Func<string, string?> variables)
    {
        var defaults = new MatchmakingLoadSettings();
        return new MatchmakingLoadSettings(
            Read(variables, HostsVariable, defaults.Hosts, 1, Qr2HostFleet.MaxHosts),
            Read(variables, BatchVariable, defaults.HeartbeatsPerStep, 1, MaxHeartbeatsPerStep));
    }

    internal static int Read(Func<string, string?> variables, string variable, int fallback, int min, int max)
    {
        var text = variables(variable);
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new InvalidOperationException($"{variable}={text} must be a whole number from {min} to {max}");
        return value;
    }
}
