using System.Diagnostics;
using Wiimmfi.ConsoleEmulator.Gpcm;

namespace Wiimmfi.LoadTest.SwitchTime;

/// <summary>
/// A logged-in console asking for its own profile back to back, recording when each answer arrives. Across a smart
/// restart the longest gap between two answers is the switch as a console sees it: from the last request the old
/// process served to the first the new one served (plus one round trip).
/// </summary>
internal sealed class BusyProbe(SignedInConsole console)
{
    private readonly List<long> _answers = new(capacity: 65_536);

    public string? Failure { get; private set; }

    /// <summary>Runs until <paramref name="stop"/> fires or a request fails (a failure is a lost connection: recorded, not thrown).</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        _answers.Clear();
        Failure = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var (profile, error) = await console.Gpcm.GetProfileAsync(console.ProfileId).ConfigureAwait(false);
                if (profile is null)
                {
                    Failure = $"getprofile answered {error?.Code.ToString() ?? "nothing usable"}";
                    return;
                }
                _answers.Add(Stopwatch.GetTimestamp());
            }
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            Failure = e.GetType().Name + ": " + e.Message;
        }
    }

    /// <summary>The longest gap between two answers, and the median one (a normal round trip), in milliseconds.</summary>
    public (double Longest, double Median, int Answers) Gaps()
    {
        if (_answers.Count < 2) return (double.NaN, double.NaN, _answers.Count);
        var gaps = new double[_answers.Count - 1];
        for (var i = 1; i < _answers.Count; i++) gaps[i - 1] = Stopwatch.GetElapsedTime(_answers[i - 1], _answers[i]).TotalMilliseconds;
        Array.Sort(gaps);
        return (gaps[^1], gaps[gaps.Length / 2], _answers.Count);
    }
}
