using System.Numerics;

namespace Wiimmfi.LoadTest.Stats;

/// <summary>
/// A log-linear latency histogram (the HdrHistogram idea, written for this project because that package cannot be
/// installed here). Values are TimeSpan ticks (100 ns).
/// <para>
/// Layout: values below 128 ticks (12.8 µs) have a bucket each, so they are exact. Above, every power of two is cut
/// into 128 equal buckets: a value v with 2^e ≤ v &lt; 2^(e+1) lands in bucket 128·(e−6) + (v >> (e−7)) − 128. A bucket
/// is 1/128 of its lower bound or less wide, and a percentile is reported as the bucket's midpoint, so a reported
/// percentile is within 1/256 (0.39 %) of the exact sample value — the "about 1 %" NBomber's HdrHistogram gives.
/// The top bucket ends at 2^30 ticks (107 s); longer values are counted there, and the exact maximum is kept apart.
/// </para>
/// <para>
/// Invariants: <see cref="Count"/> equals the sum of the buckets; <see cref="Min"/>/<see cref="Max"/>/<see cref="Sum"/>
/// are exact; merging two histograms gives the histogram of both sample sets. Not thread-safe: the engine keeps one
/// per step and thread and merges them at the end.
/// </para>
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Named in saved reports, so a merge refuses histograms laid out differently.</summary>
    public const string LayoutName = "log-linear/ticks/128-per-octave/2^30";

    private const int SubBucketBits = 7;
    private const int SubBucketCount = 1 << SubBucketBits; // 128
    private const int TopExponent = 29; // values < 2^30 ticks
    public const int BucketCount = SubBucketCount + (TopExponent - SubBucketBits + 1) * SubBucketCount; // 3,072
    public const long HighestTrackable = (1L << (TopExponent + 1)) - 1;

    private readonly long[] _buckets = new long[BucketCount];

    public long Count { get; private set; }

    /// <summary>Smallest value recorded, in ticks (0 when empty).</summary>
    public long Min { get; private set; }

    /// <summary>Largest value recorded, in ticks, exact even above <see cref="HighestTrackable"/>.</summary>
    public long Max { get; private set; }

    public long Sum { get; private set; }

    /// <summary>Sum of squared values (ticks²) as a double: a long would overflow after a few thousand one-minute samples.</summary>
    public double SumOfSquares { get; private set; }

    public double Mean => Count == 0 ? 0 : (double)Sum / Count;

    /// <summary>Population standard deviation, in ticks.</summary>
    public double StdDev
    {
        get
        {
            if (Count == 0) return 0;
            var mean = Mean;
            return Math.Sqrt(Math.Max(0, SumOfSquares / Count - mean * mean));
        }
    }

    public void Record(long ticks)
    {
        if (ticks < 0) ticks = 0;
        _buckets[IndexOf(ticks)]++;
        if (Count == 0 || ticks < Min) Min = ticks;
        if (ticks > Max) Max = ticks;
        Count++;
        Sum += ticks;
        SumOfSquares += (double)ticks * ticks;
    }

    public void Add(LatencyHistogram other)
    {
        if (other.Count == 0) return;
        for (var i = 0; i < BucketCount; i++) _buckets[i] += other._buckets[i];
        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        Count += other.Count;
        Sum += other.Sum;
        SumOfSquares += other.SumOfSquares;
    }

    /// <summary>
    /// The value at percentile <paramref name="percent"/> (0–100) by the nearest-rank rule — the smallest recorded
    /// value with at least that share of samples at or below it — read as its bucket's midpoint, kept within
    /// [<see cref="Min"/>, <see cref="Max"/>]; the first and last rank are the exact minimum and maximum. 0 when empty.
    /// </summary>
    public long Percentile(double percent)
    {
        if (Count == 0) return 0;
        var rank = NearestRank(percent, Count);
        // The smallest and largest samples are known exactly; no need to read them from a bucket.
        if (rank == 1) return Min;
        if (rank == Count) return Max;
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _buckets[i];
            if (seen >= rank) return Math.Clamp(Midpoint(i), Min, Max);
        }
        return Max;
    }

    /// <summary>1-based rank of the nearest-rank percentile among <paramref name="count"/> sorted samples.</summary>
    public static long NearestRank(double percent, long count)
    {
        if (percent is < 0 or > 100 || double.IsNaN(percent)) throw new ArgumentOutOfRangeException(nameof(percent));
        var rank = (long)Math.Ceiling(percent / 100.0 * count - 1e-9);
        return Math.Clamp(rank, 1, count);
    }

    /// <summary>Non-empty buckets as (index, count), for saving a report that can be merged later.</summary>
    public IReadOnlyList<long[]> ToSparseBuckets()
    {
        var list = new List<long[]>();
        for (var i = 0; i < BucketCount; i++)
            if (_buckets[i] != 0) list.Add([i, _buckets[i]]);
        return list;
    }

    /// <summary>Rebuilds a histogram saved with <see cref="ToSparseBuckets"/>; throws <see cref="FormatException"/> on a damaged one.</summary>
    public static LatencyHistogram FromSparseBuckets(IReadOnlyList<long[]> buckets, long min, long max, long sum, double sumOfSquares)
    {
        var histogram = new LatencyHistogram();
        foreach (var pair in buckets)
        {
            if (pair.Length != 2 || pair[0] < 0 || pair[0] >= BucketCount || pair[1] < 0)
                throw new FormatException("a histogram bucket must be [index 0-" + (BucketCount - 1) + ", count >= 0]");
            histogram._buckets[pair[0]] += pair[1];
            histogram.Count += pair[1];
        }
        if (histogram.Count > 0)
        {
            if (min < 0 || max < min) throw new FormatException("a histogram's min and max do not fit together");
            histogram.Min = min;
            histogram.Max = max;
            histogram.Sum = sum;
            histogram.SumOfSquares = sumOfSquares;
        }
        return histogram;
    }

    public static int IndexOf(long ticks)
    {
        if (ticks > HighestTrackable) ticks = HighestTrackable;
        if (ticks < SubBucketCount) return (int)ticks;
        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)ticks); // ≥ 7
        var shift = exponent - SubBucketBits;
        return SubBucketCount + shift * SubBucketCount + (int)(ticks >> shift) - SubBucketCount;
    }

    public static long LowerBound(int index)
    {
        if (index < SubBucketCount) return index;
        var shift = (index - SubBucketCount) / SubBucketCount;
        var sub = (index - SubBucketCount) % SubBucketCount + SubBucketCount;
        return (long)sub << shift;
    }

    public static long Width(int index) => index < SubBucketCount ? 1 : 1L << ((index - SubBucketCount) / SubBucketCount);

    /// <summary>The integer midpoint of a bucket's values [lower, lower + width − 1].</summary>
    public static long Midpoint(int index) => LowerBound(index) + (Width(index) - 1) / 2;
}
