using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Stats;

namespace Wiimmfi.Tests.LoadTest;

public class LatencyHistogramTests
{
    /// <summary>The histogram's promise: a reported percentile is within 1/256 of the exact sample value.</summary>
    private const double RelativeBound = 1.0 / 256;

    private static long Ms(double ms) => (long)Math.Round(ms * TimeSpan.TicksPerMillisecond);

    private static void AssertWithinBound(long exact, long reported)
    {
        var error = Math.Abs(reported - exact);
        Assert.True(error <= exact * RelativeBound, $"reported {reported} ticks for exact {exact} ticks: off by {error}, more than {exact * RelativeBound:0.#}");
    }

    [Fact]
    public void Percentiles_of_one_to_one_hundred_milliseconds_are_the_hand_computed_values()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 100; ms++) histogram.Record(Ms(ms));

        // Nearest rank over 100 sorted samples 1..100 ms: the p-th percentile is the p-th sample.
        AssertWithinBound(Ms(50), histogram.Percentile(50));
        AssertWithinBound(Ms(75), histogram.Percentile(75));
        AssertWithinBound(Ms(95), histogram.Percentile(95));
        AssertWithinBound(Ms(99), histogram.Percentile(99));
        Assert.Equal(Ms(1), histogram.Min);
        Assert.Equal(Ms(100), histogram.Max);
        Assert.Equal(Ms(100), histogram.Percentile(100));
        Assert.Equal(100, histogram.Count);
        // Exact moments: mean (1+100)/2 = 50.5 ms; population standard deviation sqrt((100²−1)/12) = 28.866 ms.
        Assert.Equal(50.5, Rates.TicksToMilliseconds(histogram.Mean), 9);
        Assert.Equal(Math.Sqrt((100.0 * 100 - 1) / 12), Rates.TicksToMilliseconds(histogram.StdDev), 6);
    }

    [Fact]
    public void Values_below_12_8_microseconds_are_exact()
    {
        var histogram = new LatencyHistogram();
        for (var ticks = 0; ticks < 128; ticks++) histogram.Record(ticks);
        for (var p = 1; p <= 100; p++)
        {
            var rank = LatencyHistogram.NearestRank(p, 128);
            Assert.Equal(rank - 1, histogram.Percentile(p));
        }
    }

    [Fact]
    public void Percentiles_of_random_samples_from_1_microsecond_to_60_seconds_are_within_1_over_256_of_the_exact_values()
    {
        var random = new Random(20261122);
        var samples = new long[50_000];
        var histogram = new LatencyHistogram();
        for (var i = 0; i < samples.Length; i++)
        {
            // Log-uniform between 1 µs (10 ticks) and 60 s, so every octave of the range is exercised.
            samples[i] = (long)Math.Exp(random.NextDouble() * (Math.Log(600_000_000) - Math.Log(10)) + Math.Log(10));
            histogram.Record(samples[i]);
        }
        Array.Sort(samples);
        foreach (var p in new[] { 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100 })
        {
            var exact = samples[LatencyHistogram.NearestRank(p, samples.Length) - 1];
            AssertWithinBound(exact, histogram.Percentile(p));
        }
        Assert.Equal(samples[0], histogram.Min);
        Assert.Equal(samples[^1], histogram.Max);
        Assert.Equal(samples.Sum(), histogram.Sum);
    }

    [Fact]
    public void Every_value_lands_in_a_bucket_that_contains_it_and_is_at_most_1_over_128_of_its_lower_bound_wide()
    {
        for (long v = 0; v < 1 << 20; v += 1 + v / 300)
        {
            var index = LatencyHistogram.IndexOf(v);
            var lower = LatencyHistogram.LowerBound(index);
            var width = LatencyHistogram.Width(index);
            Assert.InRange(v, lower, lower + width - 1);
            Assert.True(width == 1 || width * 128 <= lower, $"bucket {index} [{lower}, +{width}) is too wide");
        }
        Assert.Equal(LatencyHistogram.BucketCount - 1, LatencyHistogram.IndexOf(LatencyHistogram.HighestTrackable));
    }

    [Fact]
    public void Merging_per_thread_histograms_gives_the_histogram_of_all_samples()
    {
        var random = new Random(7);
        var whole = new LatencyHistogram();
        var parts = new[] { new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram() };
        for (var i = 0; i < 9_000; i++)
        {
            var value = random.NextInt64(1, 50_000_000);
            whole.Record(value);
            parts[i % 3].Record(value);
        }
        var merged = new LatencyHistogram();
        foreach (var part in parts) merged.Add(part);

        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(whole.Min, merged.Min);
        Assert.Equal(whole.Max, merged.Max);
        Assert.Equal(whole.Sum, merged.Sum);
        foreach (var p in new[] { 50.0, 75, 95, 99, 99.9 }) Assert.Equal(whole.Percentile(p), merged.Percentile(p));
    }

    [Fact]
    public void A_value_beyond_the_top_bucket_is_counted_and_its_exact_maximum_kept()
    {
        var histogram = new LatencyHistogram();
        var twoMinutes = TimeSpan.FromMinutes(2).Ticks;
        histogram.Record(twoMinutes);
        histogram.Record(10);

        Assert.Equal(2, histogram.Count);
        Assert.Equal(twoMinutes, histogram.Max);
        Assert.Equal(twoMinutes, histogram.Percentile(100));
    }

    [Fact]
    public void An_empty_histogram_reports_zeros()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.Percentile(99));
        Assert.Equal(0, histogram.Mean);
        Assert.Equal(0, histogram.StdDev);
    }

    [Theory]
    [InlineData(50, 4, 2)]
    [InlineData(75, 4, 3)]
    [InlineData(100, 4, 4)]
    [InlineData(0, 4, 1)]
    [InlineData(99, 100, 99)]
    [InlineData(99.9, 1000, 999)]
    [InlineData(95, 7, 7)]
    [InlineData(50, 1, 1)]
    public void Nearest_rank_is_the_textbook_definition(double percent, long count, long rank) =>
        Assert.Equal(rank, LatencyHistogram.NearestRank(percent, count));

    [Fact]
    public void A_saved_histogram_reads_back_identical()
    {
        var histogram = new LatencyHistogram();
        foreach (var v in new long[] { 5, 500, 5_000, 50_000, 5_000_000, 5_000_000 }) histogram.Record(v);

        var data = ReportBuilder.Data(histogram);
        var back = ReportBuilder.Histogram(data);

        Assert.Equal(histogram.Count, back.Count);
        Assert.Equal(histogram.Sum, back.Sum);
        Assert.Equal(histogram.SumOfSquares, back.SumOfSquares);
        foreach (var p in new[] { 10.0, 50, 90, 100 }) Assert.Equal(histogram.Percentile(p), back.Percentile(p));
    }

    [Fact]
    public void A_damaged_or_foreign_histogram_is_refused()
    {
        var good = ReportBuilder.Data(new LatencyHistogram());
        Assert.Throws<FormatException>(() => ReportBuilder.Histogram(good with { Layout = "hdr/3-digits" }));
        Assert.Throws<FormatException>(() => ReportBuilder.Histogram(good with { Count = 1, Buckets = [[LatencyHistogram.BucketCount, 1]] }));
        Assert.Throws<FormatException>(() => ReportBuilder.Histogram(good with { Count = 5, Buckets = [[3, 1]], MinTicks = 3, MaxTicks = 3 }));
    }
}
