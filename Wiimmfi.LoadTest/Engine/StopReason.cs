namespace Wiimmfi.LoadTest.Engine;

/// <summary>Why a run ended; the report prints it as the kebab-case text of <see cref="StopReasons.Text"/>.</summary>
public enum StopReason
{
    /// <summary>Every scenario ran its load simulations to the end.</summary>
    Completed,

    /// <summary>The hard bound on the run's duration was reached.</summary>
    MaxDuration,

    /// <summary>The hard bound on the number of iterations (and arrivals) was reached.</summary>
    MaxIterations,

    /// <summary>Stopped from outside (Ctrl+C, SIGTERM, or the caller's token); the report is partial.</summary>
    Cancelled,
}

public static class StopReasons
{
    public static string Text(StopReason reason) => reason switch
    {
        StopReason.Completed => "completed",
        StopReason.MaxDuration => "max-duration",
        StopReason.MaxIterations => "max-iterations",
        StopReason.Cancelled => "cancelled",
        _ => reason.ToString(),
    };
}
