using System.Text;

namespace Wiimmfi.LoadTest.Reports;

/// <summary>The report as the console shows it at the end of a run: aligned plain-text tables.</summary>
public static class TextReport
{
    public static string Render(LoadReport report)
    {
        var text = new StringBuilder();
        var run = report.Run;
        text.AppendLine($"run {run.RunId}: {run.StopReason} after {run.DurationSeconds.ToString("0.##", Formatting.Culture)} s, target {run.Target}");
        foreach (var scenario in report.Scenarios)
        {
            text.AppendLine();
            text.AppendLine($"scenario {scenario.Name} — {ReportTables.ScenarioSummary(scenario)}");
            AppendTable(text, ReportTables.StatsHeader, ReportTables.StatsRows(scenario).ToList(), ReportTables.StatsRightAligned);
            var errors = ReportTables.ErrorRows(scenario).ToList();
            if (errors.Count == 0) continue;
            text.AppendLine("errors:");
            AppendTable(text, ReportTables.ErrorsHeader, errors, [false, false, true, true, false]);
        }
        if (report.Processes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("processes:");
            AppendTable(text, ReportTables.ProcessHeader, ReportTables.ProcessRows(report).ToList(), [true, false, true, true, true, true, true]);
        }
        if (report.Hints.Count > 0)
        {
            text.AppendLine();
            foreach (var hint in report.Hints) text.AppendLine("hint: " + hint);
        }
        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, string[] header, IReadOnlyList<string[]> rows, bool[] rightAligned)
    {
        var widths = new int[header.Length];
        for (var c = 0; c < header.Length; c++) widths[c] = header[c].Length;
        foreach (var row in rows)
            for (var c = 0; c < header.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        AppendRow(text, header, widths, rightAligned);
        AppendRow(text, widths.Select(w => new string('-', w)).ToArray(), widths, rightAligned);
        foreach (var row in rows) AppendRow(text, row, widths, rightAligned);
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths, bool[] rightAligned)
    {
        text.Append("  ");
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0) text.Append("  ");
            text.Append(rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }
        text.AppendLine();
    }
}
