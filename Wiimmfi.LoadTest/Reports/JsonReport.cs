using System.Text.Encodings.Web;
using System.Text.Json;

namespace Wiimmfi.LoadTest.Reports;

/// <summary>The report as <c>report.json</c>: the complete data, including histograms, that <c>merge</c> reads back.</summary>
public static class JsonReport
{
    /// <summary>A saved report larger than this is not one of ours (a long capacity run's is well under a few MiB).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        // A report is a file for people and tools, never embedded in HTML: keep '+' and '<' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(LoadReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Reads a report; throws <see cref="FormatException"/> naming the file when it is not a report this tool can merge.</summary>
    public static LoadReport Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"no report at {path}", path);
        if (info.Length > MaxFileBytes) throw new FormatException($"{path} is larger than {MaxFileBytes / (1024 * 1024)} MiB; not a load report");
        LoadReport? report;
        try
        {
            report = JsonSerializer.Deserialize<LoadReport>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not a load report: {e.Message}", e);
        }
        if (report is null || report.Format != LoadReport.CurrentFormat || report.Run is null || report.Scenarios is null)
            throw new FormatException($"{path} is not a '{LoadReport.CurrentFormat}' load report");
        return report;
    }
}
