namespace Wiimmfi.LoadTest.Reports;

/// <summary>Writes a report's three files into a folder (created if needed): report.md, report.json, report.csv.</summary>
public static class ReportFolder
{
    public const string MarkdownFile = "report.md";
    public const string JsonFile = "report.json";
    public const string CsvFile = "report.csv";

    /// <summary>The default folder of a run started now: reports/yyyyMMdd-HHmmss under the working folder.</summary>
    public static string DefaultFor(DateTimeOffset now) => Path.Combine("reports", now.UtcDateTime.ToString("yyyyMMdd-HHmmss", Formatting.Culture));

    public static IReadOnlyList<string> Write(LoadReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new[]
        {
            (Path.Combine(folder, MarkdownFile), MarkdownReport.Render(report)),
            (Path.Combine(folder, JsonFile), JsonReport.Render(report)),
            (Path.Combine(folder, CsvFile), CsvReport.Render(report)),
        };
        foreach (var (path, text) in files) File.WriteAllText(path, text);
        return files.Select(f => f.Item1).ToList();
    }
}
