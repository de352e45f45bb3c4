using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wiimmfi.ConsoleEmulator.Gpcm;
using Wiimmfi.ConsoleEmulator.Nas;

namespace Wiimmfi.LoadTest.SwitchTime;

/// <summary>
/// Measures smart-restart switch time against a running node: signs in the idle consoles and the probes, then per
/// round runs the probes, asks the node to restart, and checks afterwards that every idle console is still connected
/// and answered by the new process. Everything is bounded by <see cref="SwitchTimeSettings.MaxDuration"/>.
/// </summary>
public static class SwitchTimeRun
{
    public static async Task<IReadOnlyList<SwitchRound>> RunAsync(SwitchTimeSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        settings.Validate();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(settings.MaxDuration);
        var token = bound.Token;

        using var nas = new NasClient(settings.Target.Endpoint("nas"));
        var gpcm = settings.Target.Endpoint("gpcm");
        using var management = new HttpClient
        {
            BaseAddress = new Uri($"http://{settings.Target.Endpoint("management")}/"),
            Timeout = TimeSpan.FromMinutes(2),
        };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AdminUser}:{settings.AdminPassword}")));

        var clock = Stopwatch.StartNew();
        var consoles = await SignInAsync(nas, gpcm, settings.Consoles + settings.Probes, settings.SignInConcurrency, output, token).ConfigureAwait(false);
        try
        {
            await output.WriteLineAsync($"switch-time: {consoles.Count:N0} consoles signed in in {clock.Elapsed.TotalSeconds:F1} s").ConfigureAwait(false);
            var probes = consoles.Take(settings.Probes).Select(c => new BusyProbe(c)).ToList();
            var idle = consoles.Skip(settings.Probes).ToList();
            var rounds = new List<SwitchRound>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                var result = await RoundAsync(management, probes, idle, settings, token).ConfigureAwait(false);
                rounds.Add(result);
                await output.WriteLineAsync($"switch-time: round {round + 1}: pid {result.OldPid} -> {result.NewPid}, node {result.NodeSwitchMs:F1} ms, " +
                    $"consoles saw {result.LongestGapMs:F1} ms at most, {result.IdleClosed} idle closed, {result.IdleAnswered:N0} answered").ConfigureAwait(false);
                if (!result.Succeeded) break;
            }
            return rounds;
        }
        finally
        {
            foreach (var console in consoles) await console.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<List<SignedInConsole>> SignInAsync(NasClient nas, System.Net.IPEndPoint gpcm, int count, int concurrency,
        TextWriter output, CancellationToken token)
    {
        var consoles = new List<SignedInConsole>(count);
        var next = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = token },
            async (_, _) =>
            {
                var console = await SignedInConsole.SignInAsync(nas, gpcm, EmulatedConsole.CreateWii()).ConfigureAwait(false);
                lock (consoles) consoles.Add(console);
                if (Interlocked.Increment(ref next) % 2_000 == 0) await output.WriteLineAsync($"switch-time: {next:N0} signed in").ConfigureAwait(false);
            }).ConfigureAwait(false);
        return consoles;
    }

    private static async Task<SwitchRound> RoundAsync(HttpClient management, List<BusyProbe> probes, List<SignedInConsole> idle,
        SwitchTimeSettings settings, CancellationToken token)
    {
        var oldPid = await PidAsync(management, token).ConfigureAwait(false);
        using var stopProbes = CancellationTokenSource.CreateLinkedTokenSource(token);
        var running = probes.Select(p => Task.Run(() => p.RunAsync(stopProbes.Token), CancellationToken.None)).ToList();
        await Task.Delay(settings.Settle, token).ConfigureAwait(false);

        using var response = await management.PostAsync("admin/restart", null, token).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
        await Task.Delay(settings.Settle, token).ConfigureAwait(false);
        await stopProbes.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);

        var (succeeded, error, switchMs, phases, carried) = ReadResult(response.IsSuccessStatusCode, body);
        var newPid = await PidAsync(management, token).ConfigureAwait(false);
        var gaps = probes.Select(p => p.Gaps()).Where(g => !double.IsNaN(g.Longest)).ToList();
        var longest = gaps.Count == 0 ? double.NaN : gaps.Max(g => g.Longest);
        var medianLongest = gaps.Count == 0 ? double.NaN : gaps.Select(g => g.Longest).Order().ElementAt(gaps.Count / 2);
        var normal = gaps.Count == 0 ? double.NaN : gaps.Select(g => g.Median).Order().ElementAt(gaps.Count / 2);
        var (closed, answered) = await CheckIdleAsync(idle, token).ConfigureAwait(false);
        return new SwitchRound(oldPid, newPid, succeeded && newPid != oldPid, error, switchMs, phases, carried, longest, medianLongest, normal,
            probes.Count(p => p.Failure is not null), closed, answered);
    }

    /// <summary>Every idle console: is its connection still open, and does the new process answer it?</summary>
    private static async Task<(int Closed, int Answered)> CheckIdleAsync(List<SignedInConsole> idle, CancellationToken token)
    {
        var closed = idle.Count(c => c.Gpcm.Stream.IsClosed);
        var answered = 0;
        await Parallel.ForEachAsync(idle.Where(c => !c.Gpcm.Stream.IsClosed), new ParallelOptions { MaxDegreeOfParallelism = 128, CancellationToken = token },
            async (console, _) =>
            {
                try
                {
                    console.Gpcm.Stream.Drain();
                    var (profile, _) = await console.Gpcm.GetProfileAsync(console.ProfileId).ConfigureAwait(false);
                    if (profile is not null) Interlocked.Increment(ref answered);
                }
                catch (Exception e) when (e is IOException or TimeoutException or System.Net.Sockets.SocketException)
                {
                    // Counted as not answered.
                }
            }).ConfigureAwait(false);
        return (closed, answered);
    }

    private static async Task<int> PidAsync(HttpClient management, CancellationToken token)
    {
        using var document = JsonDocument.Parse(await management.GetStringAsync("node/process", token).ConfigureAwait(false));
        return document.RootElement.GetProperty("pid").GetInt32();
    }

    private static (bool Succeeded, string? Error, double SwitchMs, string Phases, int Carried) ReadResult(bool httpOk, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (!httpOk || !root.TryGetProperty("succeeded", out var ok) || !ok.GetBoolean()) return (false, error ?? body, double.NaN, "", 0);
            var phases = root.TryGetProperty("phases", out var p) && p.ValueKind == JsonValueKind.Object
                ? string.Join(" / ", p.EnumerateObject().Select(x => x.Value.GetDouble().ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))
                : "";
            return (true, null, root.GetProperty("switchMilliseconds").GetDouble(), phases, root.GetProperty("connections").GetInt32());
        }
        catch (JsonException)
        {
            return (false, "the node's answer was not JSON: " + body, double.NaN, "", 0);
        }
    }
}
