namespace Wiimmfi.LoadTest.Stats;

/// <summary>The report's arithmetic that is not about histograms, in one place so tests check exactly what reports print.</summary>
public static class Rates
{
    /// <summary>Events per second over a window; 0 for an empty window rather than infinity.</summary>
    public static double PerSecond(long count, TimeSpan window) => window <= TimeSpan.Zero ? 0 : count / window.TotalSeconds;

    /// <summary>Share of <paramref name="part"/> in <paramref name="whole"/>, in percent; 0 when the whole is 0.</summary>
    public static double Percent(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;

    public static double TicksToMilliseconds(double ticks) => ticks / TimeSpan.TicksPerMillisecond;
}
