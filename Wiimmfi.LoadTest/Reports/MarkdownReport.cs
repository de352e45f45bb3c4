using System.Text;

namespace Wiimmfi.LoadTest.Reports;

/// <summary>The report as <c>report.md</c>: run facts, a table per scenario, errors, processes and hints.</summary>
public static class MarkdownReport
{
    public static string Render(LoadReport report)
    {
        var md = new StringBuilder();
        var run = report.Run;
        md.AppendLine("# Load report");
        md.AppendLine();
        md.AppendLine($"* run: `{run.RunId}`{(run.Sources.Count > 1 ? $" (merged from {run.Sources.Count} runs: {string.Join(", ", run.Sources.Select(s => $"`{s}`"))})" : "")}");
        md.AppendLine($"* started {run.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC, ended {run.EndedUtc:yyyy-MM-dd HH:mm:ss} UTC, {run.DurationSeconds.ToString("0.##", Formatting.Culture)} s, **{run.StopReason}**");
        md.AppendLine($"* target: {Cell(run.Target)}");
        if (run.CommandLine.Length > 0) md.AppendLine($"* command: `{run.CommandLine.Replace('`', '\'')}`");
        var machine = run.Machine;
        md.AppendLine($"* machine: {Cell(machine.MachineName)}, {Cell(machine.Os)}, {Cell(machine.Runtime)}, {machine.ProcessorCount} cores; wiimmfi-load {Cell(machine.ToolVersion)}");
        foreach (var scenario in report.Scenarios)
        {
            md.AppendLine();
            md.AppendLine($"## Scenario `{scenario.Name}`");
            md.AppendLine();
            md.AppendLine(Cell(ReportTables.ScenarioSummary(scenario)));
            md.AppendLine();
            AppendTable(md, ReportTables.StatsHeader, ReportTables.StatsRows(scenario), ReportTables.StatsRightAligned);
            var errors = ReportTables.ErrorRows(scenario).ToList();
            if (errors.Count == 0) continue;
            md.AppendLine();
            md.AppendLine("Errors:");
            md.AppendLine();
            AppendTable(md, ReportTables.ErrorsHeader, errors, [false, false, true, true, false]);
        }
        if (report.Processes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Processes");
            md.AppendLine();
            AppendTable(md, ReportTables.ProcessHeader, ReportTables.ProcessRows(report), [true, false, true, true, true, true, true]);
        }
        if (report.Hints.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Hints");
            md.AppendLine();
            foreach (var hint in report.Hints) md.AppendLine("* " + Cell(hint));
        }
        return md.ToString();
    }

    private static void AppendTable(StringBuilder md, string[] header, IEnumerable<string[]> rows, bool[] rightAligned)
    {
        md.AppendLine("| " + string.Join(" | ", header.Select(Cell)) + " |");
        md.AppendLine("|" + string.Concat(rightAligned.Select(r => r ? "---:|" : "---|")));
        foreach (var row in rows) md.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
    }

    /// <summary>Text made safe for a markdown table cell: no pipes, no line breaks.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|").Replace('\r', ' ').Replace('\n', ' ');
}
