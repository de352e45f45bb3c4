using System.Globalization;

namespace Wiimmfi.LoadTest.Reports;

/// <summary>How numbers look in the printed, markdown and CSV reports (invariant culture everywhere).</summary>
internal static class Formatting
{
    public static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>Milliseconds with about three significant digits: 0.027, 1.35, 250.4.</summary>
    public static string Ms(double ms) => ms switch
    {
        < 1 => ms.ToString("0.###", Culture),
        < 100 => ms.ToString("0.##", Culture),
        _ => ms.ToString("0.#", Culture),
    };

    public static string Count(long value) => value.ToString("N0", Culture);

    public static string Rate(double perSecond) => perSecond < 100 ? perSecond.ToString("0.##", Culture) : perSecond.ToString("N0", Culture);

    public static string Percent(double percent) => percent.ToString("0.##", Culture);

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(Culture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", Culture) + " KiB",
        < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", Culture) + " MiB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.##", Culture) + " GiB",
    };

    /// <summary>A machine-readable number for CSV: round-trippable, no thousands separators.</summary>
    public static string Raw(double value) => value.ToString("0.######", Culture);

    public static string Raw(long value) => value.ToString(Culture);
}
