using System.Globalization;

namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>
/// HOCON's unit formats (HOCON.md, "Units format", "Duration format", "Size in bytes format") and its
/// string-to-boolean rule. A value is a number, optional whitespace, then an optional unit made of
/// letters. A bare number is in the default unit: milliseconds for durations, bytes for sizes.
/// Duration units are lower case only; size units follow the spec's exact list (kB = 1000, K/Ki/KiB = 1024).
/// </summary>
public static class HoconUnits
{
    private const decimal TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    private static readonly Dictionary<string, decimal> s_durationTicks = BuildDurationUnits();
    private static readonly Dictionary<string, decimal> s_byteMultipliers = BuildByteUnits();

    /// <summary>Parses a duration such as <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1.5h</c> or <c>250</c> (ms).</summary>
    public static TimeSpan ParseDuration(string text) =>
        TryParseDuration(text, out var value, out var problem) ? value : throw new FormatException(problem);

    public static bool TryParseDuration(string text, out TimeSpan value, out string problem)
    {
        value = default;
        if (!TrySplit(text, out var number, out var unit, out problem))
        {
            return false;
        }
        decimal ticksPerUnit;
        if (unit.Length == 0)
        {
            ticksPerUnit = TicksPerMillisecond;
        }
        else if (!s_durationTicks.TryGetValue(unit, out ticksPerUnit))
        {
            problem = $"'{text}' has an unknown duration unit '{unit}' (use ns, us, ms, s, m, h or d, lower case)";
            return false;
        }
        var ticks = number * ticksPerUnit;
        if (ticks > long.MaxValue || ticks < long.MinValue)
        {
            problem = $"'{text}' is too long a duration";
            return false;
        }
        value = TimeSpan.FromTicks((long)decimal.Truncate(ticks));
        problem = "";
        return true;
    }

    /// <summary>Parses a size such as <c>4MiB</c>, <c>64KiB</c>, <c>10kB</c> (10 000) or <c>512</c> (bytes).</summary>
    public static long ParseBytes(string text) =>
        TryParseBytes(text, out var value, out var problem) ? value : throw new FormatException(problem);

    public static bool TryParseBytes(string text, out long value, out string problem)
    {
        value = 0;
        if (!TrySplit(text, out var number, out var unit, out problem))
        {
            return false;
        }
        decimal multiplier;
        if (unit.Length == 0)
        {
            multiplier = 1;
        }
        else if (!s_byteMultipliers.TryGetValue(unit, out multiplier))
        {
            problem = $"'{text}' has an unknown size unit '{unit}' (use B, kB, KiB, MB, MiB, GB, GiB, …)";
            return false;
        }
        if (number < 0)
        {
            problem = $"'{text}' is a negative size";
            return false;
        }
        decimal bytes;
        try
        {
            bytes = number * multiplier;
        }
        catch (OverflowException)
        {
            bytes = decimal.MaxValue;
        }
        if (bytes > long.MaxValue)
        {
            problem = $"'{text}' is too large a size (more than {long.MaxValue} bytes)";
            return false;
        }
        value = (long)decimal.Truncate(bytes);
        problem = "";
        return true;
    }

    /// <summary>HOCON's string-to-boolean rule: true/yes/on and false/no/off (case is ignored here).</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                value = true;
                return true;
            case "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static bool TrySplit(string text, out decimal number, out string unit, out string problem)
    {
        number = 0;
        unit = "";
        var trimmed = text.AsSpan().Trim();
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsLetter(trimmed[unitStart - 1]))
        {
            unitStart--;
        }
        var numberPart = trimmed[..unitStart].TrimEnd();
        unit = trimmed[unitStart..].ToString();
        if (numberPart.Length == 0 ||
            !decimal.TryParse(numberPart, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out number))
        {
            problem = $"'{text}' is not a number followed by an optional unit";
            return false;
        }
        problem = "";
        return true;
    }

    private static Dictionary<string, decimal> BuildDurationUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = ticks;
            }
        }
        Add(0.01m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(10m, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }

    private static Dictionary<string, decimal> BuildByteUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["B"] = 1, ["b"] = 1, ["byte"] = 1, ["bytes"] = 1,
        };
        // (letter, decimal name, binary name) for each power: k/kilo/kibi, M/mega/mebi, …
        (char Letter, string Decimal, string Binary)[] powers =
        [
            ('K', "kilo", "kibi"), ('M', "mega", "mebi"), ('G', "giga", "gibi"), ('T', "tera", "tebi"),
            ('P', "peta", "pebi"), ('E', "exa", "exbi"), ('Z', "zetta", "zebi"), ('Y', "yotta", "yobi"),
        ];
        decimal powerOfTen = 1;
        decimal powerOfTwo = 1;
        foreach (var (letter, decimalName, binaryName) in powers)
        {
            powerOfTen *= 1000;
            powerOfTwo *= 1024;
            // The spec writes kilo as "kB" (lower-case k); every other power of ten is upper case.
            var decimalSymbol = letter == 'K' ? "kB" : $"{letter}B";
            units[decimalSymbol] = powerOfTen;
            units[decimalName + "byte"] = powerOfTen;
            units[decimalName + "bytes"] = powerOfTen;
            foreach (var name in new[]
            {
                letter.ToString(), char.ToLowerInvariant(letter).ToString(), $"{letter}i", $"{letter}iB",
                binaryName + "byte", binaryName + "bytes",
            })
            {
                units[name] = powerOfTwo;
            }
        }
        return units;
    }
}
