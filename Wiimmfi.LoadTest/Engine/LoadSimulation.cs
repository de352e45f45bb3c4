using System.Globalization;

namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// One stage of a scenario's load, NBomber's vocabulary:
/// <list type="bullet">
/// <item>open model (arrivals; each arrival is a fresh user that runs init, one iteration and clean):
///   <see cref="Inject"/> — <c>rate</c> arrivals per <c>interval</c>, spread evenly; <see cref="RampingInject"/> — the
///   rate changes linearly from the previous stage's rate to <c>rate</c>;</item>
/// <item>closed model (a population of users, each looping iterations until it is retired):
///   <see cref="KeepConstant"/> — <c>copies</c> users; <see cref="RampingConstant"/> — the population changes
///   linearly from the previous stage's to <c>copies</c>;</item>
/// <item><see cref="Pause"/> — nobody runs.</item>
/// </list>
/// Stages run one after another; every stage has a finite duration, so every schedule ends by itself.
/// </summary>
public abstract record LoadSimulation(TimeSpan During)
{
    /// <summary>Upper bound on a rate or a population, far above what one process can drive (20,000 open files).</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Upper bound on one stage (a day): a longer run is a mistake, not a load test.</summary>
    public static readonly TimeSpan MaxDuring = TimeSpan.FromDays(1);

    public static LoadSimulation Inject(int rate, TimeSpan interval, TimeSpan during) => new InjectSimulation(rate, interval, during);

    public static LoadSimulation RampingInject(int rate, TimeSpan interval, TimeSpan during) => new RampingInjectSimulation(rate, interval, during);

    public static LoadSimulation KeepConstant(int copies, TimeSpan during) => new KeepConstantSimulation(copies, during);

    public static LoadSimulation RampingConstant(int copies, TimeSpan during) => new RampingConstantSimulation(copies, during);

    public static LoadSimulation Pause(TimeSpan during) => new PauseSimulation(during);

    /// <summary>Throws <see cref="ArgumentException"/> with the reason when the stage cannot run.</summary>
    public virtual void Validate()
    {
        if (During <= TimeSpan.Zero) throw new ArgumentException($"{this}: the duration must be positive");
        if (During > MaxDuring) throw new ArgumentException($"{this}: a stage may last at most {MaxDuring.TotalHours:0} hours");
    }

    protected static string Format(TimeSpan span) => DurationText.Format(span);

    /// <summary>
    /// This stage with its rate or population multiplied by <paramref name="share"/> (a part of a mix), rounded, and
    /// never rounded down to nobody when the stage had somebody: a small share of a small load still runs.
    /// </summary>
    public LoadSimulation Scale(double share)
    {
        if (!(share is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(share), "a share is above 0 and at most 1");
        static int Of(int count, double share) => count == 0 ? 0 : Math.Max(1, (int)Math.Round(count * share, MidpointRounding.AwayFromZero));
        return this switch
        {
            InjectSimulation i => i with { Rate = Of(i.Rate, share) },
            RampingInjectSimulation r => r with { Rate = Of(r.Rate, share) },
            KeepConstantSimulation k => k with { Copies = Of(k.Copies, share) },
            RampingConstantSimulation r => r with { Copies = Of(r.Copies, share) },
            _ => this,
        };
    }
}

public sealed record InjectSimulation(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During)
{
    public override void Validate()
    {
        base.Validate();
        RateRules.Validate(this, Rate, Interval, During);
    }

    public override string ToString() => $"inject {Rate}/{Format(Interval)} for {Format(During)}";
}

public sealed record RampingInjectSimulation(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During)
{
    public override void Validate()
    {
        base.Validate();
        RateRules.Validate(this, Rate, Interval, During);
    }

    public override string ToString() => $"ramp-inject to {Rate}/{Format(Interval)} over {Format(During)}";
}

public sealed record KeepConstantSimulation(int Copies, TimeSpan During) : LoadSimulation(During)
{
    public override void Validate()
    {
        base.Validate();
        if (Copies is < 0 or > MaxCount) throw new ArgumentException($"{this}: copies must be between 0 and {MaxCount}");
    }

    public override string ToString() => $"keep {Copies} users for {Format(During)}";
}

public sealed record RampingConstantSimulation(int Copies, TimeSpan During) : LoadSimulation(During)
{
    public override void Validate()
    {
        base.Validate();
        if (Copies is < 0 or > MaxCount) throw new ArgumentException($"{this}: copies must be between 0 and {MaxCount}");
    }

    public override string ToString() => $"ramp-keep to {Copies} users over {Format(During)}";
}

public sealed record PauseSimulation(TimeSpan During) : LoadSimulation(During)
{
    public override string ToString() => $"pause {Format(During)}";
}

internal static class RateRules
{
    public static void Validate(LoadSimulation stage, int rate, TimeSpan interval, TimeSpan during)
    {
        if (rate is < 0 or > LoadSimulation.MaxCount) throw new ArgumentException($"{stage}: the rate must be between 0 and {LoadSimulation.MaxCount}");
        // The same rules NBomber applies: an interval must be positive and fit inside the stage.
        if (interval <= TimeSpan.Zero) throw new ArgumentException($"{stage}: the interval must be positive");
        if (interval > during) throw new ArgumentException($"{stage}: the interval must not be longer than the stage");
    }
}

/// <summary>Durations as people write them on a command line: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>, <c>1m30s</c>.</summary>
public static class DurationText
{
    public static string Format(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerSecond != 0) return $"{span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        if (span.Ticks % TimeSpan.TicksPerHour == 0) return $"{(long)span.TotalHours}h";
        if (span.Ticks % TimeSpan.TicksPerMinute == 0) return $"{(long)span.TotalMinutes}m";
        return $"{(long)span.TotalSeconds}s";
    }

    public static TimeSpan Parse(string text)
    {
        if (!TryParse(text, out var span)) throw new FormatException($"'{text}' is not a duration (write e.g. 500ms, 30s, 2m, 1h or 1m30s)");
        return span;
    }

    public static bool TryParse(string text, out TimeSpan span)
    {
        span = TimeSpan.Zero;
        var rest = text.Trim().AsSpan();
        if (rest.IsEmpty) return false;
        // A plain number means seconds.
        if (double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var plainSeconds))
            return plainSeconds >= 0 && TryFromSeconds(plainSeconds, out span);
        double totalSeconds = 0;
        while (!rest.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.')) numberLength++;
            if (numberLength == 0) return false;
            if (!double.TryParse(rest[..numberLength], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return false;
            rest = rest[numberLength..];
            var unitLength = 0;
            while (unitLength < rest.Length && char.IsAsciiLetter(rest[unitLength])) unitLength++;
            var seconds = rest[..unitLength] switch
            {
                "ms" => number / 1000,
                "s" => number,
                "m" => number * 60,
                "h" => number * 3600,
                "d" => number * 86400,
                _ => double.NaN,
            };
            if (double.IsNaN(seconds)) return false;
            totalSeconds += seconds;
            rest = rest[unitLength..];
        }
        return TryFromSeconds(totalSeconds, out span);
    }

    private static bool TryFromSeconds(double seconds, out TimeSpan span)
    {
        span = TimeSpan.Zero;
        // Ten years is far beyond any run and keeps the conversion inside TimeSpan's range.
        if (seconds is < 0 or > 315_360_000) return false;
        span = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
