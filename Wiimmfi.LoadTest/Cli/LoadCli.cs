using System.CommandLine;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Monitoring;
using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Scenarios;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Cli;

/// <summary>
/// The <c>wiimmfi-load</c> command line: <c>run</c> a scenario against a loopback target and write the report,
/// <c>merge</c> the reports of several load processes, list the <c>scenarios</c>, measure a smart restart
/// (<c>switch-time</c>).
/// Exit codes: 0 done; 1 the run had failures and <c>--fail-on-errors</c> was given; 2 a usage or configuration
/// error (including a refused non-loopback target — nothing was sent); 3 a report could not be read or written.
/// </summary>
public static class LoadCli
{
    public const int Ok = 0;
    public const int RunHadFailures = 1;
    public const int UsageError = 2;
    public const int ReportError = 3;

    /// <summary>
    /// Runs the command line. Cancelling <paramref name="stop"/> stops a run gracefully (its partial report is still
    /// written); cancelling <paramref name="abort"/> also cancels the steps that are running.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null,
        CancellationToken stop = default, CancellationToken abort = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = new RootCommand("wiimmfi-load: load tests for a Wiimmfi node over loopback, with an NBomber-style report.");
        root.Subcommands.Add(RunCommand(args, output, error, stop, abort));
        root.Subcommands.Add(MergeCommand(output, error));
        root.Subcommands.Add(ScenariosCommand(output));
        root.Subcommands.Add(SwitchTime.SwitchTimeCommand.Create(output, error, stop));
        // Ctrl+C is handled by Program (first press stops, second aborts), not by System.CommandLine's two-second kill.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }

    private static Command RunCommand(string[] args, TextWriter output, TextWriter error, CancellationToken stop, CancellationToken abort)
    {
        var options = new RunOptions();
        var command = new Command("run", "Run scenarios against a loopback target and write the report (markdown, JSON, CSV).");
        options.AddTo(command);
        command.SetAction(async (parsed, _) =>
        {
            RunRequest request;
            try
            {
                request = options.Read(parsed, args);
            }
            catch (NonLoopbackTargetException e)
            {
                await error.WriteLineAsync($"wiimmfi-load: {e.Message}").ConfigureAwait(false);
                return UsageError;
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                await error.WriteLineAsync($"wiimmfi-load: {e.Message}").ConfigureAwait(false);
                return UsageError;
            }
            return await RunScenariosAsync(request, output, error, stop, abort).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunScenariosAsync(RunRequest request, TextWriter output, TextWriter error, CancellationToken stop, CancellationToken abort)
    {
        var prepared = new List<PreparedScenario>();
        try
        {
            var scenarios = new List<Scenario>();
            foreach (var entry in request.Scenarios)
            {
                PreparedScenario ready;
                try
                {
                    ready = await entry.Scenario.PrepareAsync(request.Target, request.ScenarioSettings, stop).ConfigureAwait(false);
                }
                catch (FormatException e)
                {
                    await error.WriteLineAsync($"wiimmfi-load: {e.Message}").ConfigureAwait(false);
                    return UsageError;
                }
                prepared.Add(ready);
                scenarios.Add(ready.Scenario with
                {
                    LoadSimulations = entry.Share < 1 ? [.. request.LoadSimulations.Select(s => s.Scale(entry.Share))] : request.LoadSimulations,
                    Pacing = entry.Pacing ?? request.Pacing,
                    WarmUp = request.WarmUp,
                    StepTimeout = request.StepTimeout,
                    MaxConcurrentUsers = request.MaxUsers,
                });
            }
            if (request.ScenarioSettings.Unread() is [_, ..] unread)
            {
                await error.WriteLineAsync($"wiimmfi-load: no scenario of this run reads --set {string.Join(", ", unread)}").ConfigureAwait(false);
                return UsageError;
            }
            LoadRun run;
            try
            {
                run = LoadRun.Start(scenarios, request.Target, request.Settings, stop, abort);
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync($"wiimmfi-load: {e.Message}").ConfigureAwait(false);
                return UsageError;
            }
            await output.WriteLineAsync($"wiimmfi-load: running {string.Join(", ", scenarios.Select(s => s.Name))} against {request.Target}: " +
                $"{string.Join("; ", request.LoadSimulations)} (hard bounds: {DurationText.Format(run.MaxDuration)}, {request.Settings.MaxIterations:N0} iterations)").ConfigureAwait(false);
            using var progressStop = new CancellationTokenSource();
            var progress = ProgressPrinter.RunAsync(run, output, request.ProgressInterval, progressStop.Token);
            var report = await run.Completion.ConfigureAwait(false);
            await progressStop.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);

            await output.WriteAsync(TextReport.Render(report)).ConfigureAwait(false);
            try
            {
                ReportFolder.Write(report, request.ReportFolder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"wiimmfi-load: could not write the report to {request.ReportFolder}: {e.Message}").ConfigureAwait(false);
                return ReportError;
            }
            await output.WriteLineAsync($"wiimmfi-load: report written to {Path.GetFullPath(request.ReportFolder)}").ConfigureAwait(false);
            var failed = report.Scenarios.Any(s => s.Iterations.Failed > 0 || s.Steps.Any(step => step.Failed > 0));
            return request.FailOnErrors && failed ? RunHadFailures : Ok;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // A scenario could not prepare (an echo port in use, a port the target does not name).
            await error.WriteLineAsync($"wiimmfi-load: {e.Message}").ConfigureAwait(false);
            return UsageError;
        }
        finally
        {
            foreach (var ready in prepared) await ready.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Command MergeCommand(TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("reports") { Description = "Report folders (or report.json files) of load processes that ran together.", Arity = ArgumentArity.OneOrMore };
        var folder = new Option<string?>("--report-folder") { Description = "Where to write the merged report (default reports/merged-<time>)." };
        var command = new Command("merge", "Merge the reports of several load processes into one report.");
        command.Arguments.Add(inputs);
        command.Options.Add(folder);
        command.SetAction(async parsed =>
        {
            var reports = new List<LoadReport>();
            try
            {
                foreach (var input in parsed.GetValue(inputs) ?? [])
                    reports.Add(JsonReport.Read(Directory.Exists(input) ? Path.Combine(input, ReportFolder.JsonFile) : input));
                var merged = ReportMerger.Merge(reports);
                var target = parsed.GetValue(folder) ?? Path.Combine("reports", "merged-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", Formatting.Culture));
                await output.WriteAsync(TextReport.Render(merged)).ConfigureAwait(false);
                ReportFolder.Write(merged, target);
                await output.WriteLineAsync($"wiimmfi-load: merged {reports.Count} reports into {Path.GetFullPath(target)}").ConfigureAwait(false);
                return Ok;
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"wiimmfi-load: {e.Message}").ConfigureAwait(false);
                return ReportError;
            }
        });
        return command;
    }

    private static Command ScenariosCommand(TextWriter output)
    {
        var command = new Command("scenarios", "List the scenarios this tool can run.");
        command.SetAction(async _ =>
        {
            foreach (var scenario in LoadScenarios.All())
            {
                var ports = string.Join(", ", scenario.DefaultPorts.Select(p => p.Value == 0 ? p.Key : $"{p.Key}={p.Value}"));
                await output.WriteLineAsync($"{scenario.Name,-12} {scenario.Description} Ports: {ports}.").ConfigureAwait(false);
            }
            return Ok;
        });
        return command;
    }
}
