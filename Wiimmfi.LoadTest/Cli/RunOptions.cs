using System.CommandLine;
using System.Globalization;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Scenarios;
using Wiimmfi.LoadTest.Scenarios.Common;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Cli;

/// <summary>The options of <c>wiimmfi-load run</c> and how they become a <see cref="RunRequest"/>.</summary>
internal sealed class RunOptions
{
    private readonly Option<string[]> _scenario = new("--scenario", "-s") { Description = "Scenario(s) to run, comma-separated or repeated (see 'wiimmfi-load scenarios').", Required = true };
    private readonly Option<string> _target = new("--target", "-t") { Description = "The loopback address of the node (127.0.0.0/8, ::1 or localhost; anything else is refused).", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<string[]> _ports = new("--ports", "-p") { Description = "Named ports of the target: gpcm=29900,management=8558 (repeatable)." };
    private readonly Option<string[]> _sources = new("--source-addresses") { Description = "Loopback addresses to spread users over: 127.0.0.2-127.0.0.50,127.0.1.1." };
    private readonly Option<string[]> _load = new("--load") { Description = "A load stage, repeatable, run in order: " + LoadSpec.StageSyntax + "." };
    private readonly Option<int?> _rate = new("--rate", "-r") { Description = "Shortcut: inject this many users per second for --duration (the default, at 10/s)." };
    private readonly Option<int?> _copies = new("--copies", "-c") { Description = "Shortcut: keep this many users looping for --duration." };
    private readonly Option<string?> _ramp = new("--ramp") { Description = "With --rate or --copies: ramp up from zero over this long first (e.g. 10s)." };
    private readonly Option<string> _duration = new("--duration", "-d") { Description = "How long the --rate or --copies load lasts.", DefaultValueFactory = _ => "10s" };
    private readonly Option<string> _warmUp = new("--warm-up") { Description = "Run the load this long first without counting it (JIT, pools).", DefaultValueFactory = _ => "0s" };
    private readonly Option<string?> _maxDuration = new("--max-duration") { Description = "Hard bound on the run's length (default: warm-up + load + 10%)." };
    private readonly Option<long> _maxIterations = new("--max-iterations") { Description = "Hard bound on iterations started, warm-up included.", DefaultValueFactory = _ => 10_000_000 };
    private readonly Option<string> _stepTimeout = new("--step-timeout") { Description = "A step running longer fails as 'timeout'.", DefaultValueFactory = _ => "10s" };
    private readonly Option<string> _drainTimeout = new("--drain-timeout") { Description = "After the load ends, how long running iterations may take to finish.", DefaultValueFactory = _ => "10s" };
    private readonly Option<int> _maxUsers = new("--max-users") { Description = "Users of a scenario alive at once; arrivals beyond are dropped and counted.", DefaultValueFactory = _ => 10_000 };
    private readonly Option<long> _userIdOffset = new("--user-id-offset") { Description = "Added to user ids, so parallel load processes use distinct ids.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _seed = new("--seed") { Description = "Seeds each user's random numbers.", DefaultValueFactory = _ => 1 };
    private readonly Option<int[]> _samplePids = new("--sample-pid") { Description = "Sample this process's RSS and CPU from /proc during the run (the node's pid; repeatable)." };
    private readonly Option<string> _sampleInterval = new("--sample-interval") { Description = "How often processes are sampled.", DefaultValueFactory = _ => "1s" };
    private readonly Option<string?> _reportFolder = new("--report-folder", "-o") { Description = "Where report.md, report.json and report.csv go (default reports/<time>)." };
    private readonly Option<string> _progress = new("--progress") { Description = "Print a progress line this often (0 = never).", DefaultValueFactory = _ => "5s" };
    private readonly Option<bool> _failOnErrors = new("--fail-on-errors") { Description = "Exit with 1 when any request failed." };
    private readonly Option<string?> _pacing = new("--pacing") { Description = "Closed model: start a user's iterations at most this often (e.g. 5s; a mix's parts have their own)." };
    private readonly Option<string[]> _set = new("--set") { Description = "A scenario setting name=value, repeatable (e.g. login.online=1s); see 'wiimmfi-load scenarios'." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     _scenario, _target, _ports, _sources, _load, _rate, _copies, _ramp, _duration, _warmUp, _maxDuration, _maxIterations,
                     _stepTimeout, _drainTimeout, _maxUsers, _userIdOffset, _seed, _samplePids, _sampleInterval, _reportFolder, _progress,
                     _failOnErrors, _set, _pacing,
                 })
            command.Options.Add(option);
    }

    /// <summary>
    /// Reads and checks everything before anything starts. The target is checked first: a non-loopback address
    /// throws <see cref="NonLoopbackTargetException"/> and the run never begins.
    /// </summary>
    public RunRequest Read(ParseResult parsed, string[] args)
    {
        var ports = LoadSpec.ParsePorts(parsed.GetValue(_ports) ?? []);
        var sources = LoadSpec.ParseSourceAddresses(parsed.GetValue(_sources) ?? []);
        var target = LoadTarget.Parse(parsed.GetValue(_target) ?? "127.0.0.1", ports, sources);

        var scenarios = new List<ScenarioEntry>();
        foreach (var name in (parsed.GetValue(_scenario) ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var scenario = Find(name);
            // A mix runs as its parts, each with its share of the load (and a report row of its own).
            var entries = scenario is IMixScenario mix ? mix.Parts.Select(p => new ScenarioEntry(Find(p.Scenario), p.Share, p.Pacing)) : [new ScenarioEntry(scenario, 1, null)];
            foreach (var entry in entries)
                if (!scenarios.Any(s => s.Scenario.Name == entry.Scenario.Name)) scenarios.Add(entry);
        }
        if (scenarios.Count == 0) throw new ArgumentException("name a scenario with --scenario");

        var loads = LoadSimulations(parsed);
        foreach (var stage in loads) stage.Validate();
        var maxDuration = parsed.GetValue(_maxDuration) is { } max ? DurationText.Parse(max) : (TimeSpan?)null;
        var settings = new LoadRunSettings
        {
            MaxDuration = maxDuration,
            MaxIterations = parsed.GetValue(_maxIterations),
            DrainTimeout = DurationText.Parse(parsed.GetValue(_drainTimeout)!),
            SampleInterval = DurationText.Parse(parsed.GetValue(_sampleInterval)!),
            SamplePids = parsed.GetValue(_samplePids) ?? [],
            UserIdOffset = parsed.GetValue(_userIdOffset),
            Seed = parsed.GetValue(_seed),
            CommandLine = CommandLineText(args),
        };
        settings.Validate();
        return new RunRequest(
            scenarios,
            target,
            loads,
            DurationText.Parse(parsed.GetValue(_warmUp)!),
            DurationText.Parse(parsed.GetValue(_stepTimeout)!),
            parsed.GetValue(_maxUsers),
            settings,
            parsed.GetValue(_reportFolder) ?? ReportFolder.DefaultFor(DateTimeOffset.UtcNow),
            DurationText.Parse(parsed.GetValue(_progress)!),
            parsed.GetValue(_failOnErrors))
        {
            ScenarioSettings = ScenarioSettings.Parse(parsed.GetValue(_set) ?? []),
            Pacing = parsed.GetValue(_pacing) is { } pacing ? DurationText.Parse(pacing) : TimeSpan.Zero,
        };
    }

    private IReadOnlyList<LoadSimulation> LoadSimulations(ParseResult parsed)
    {
        var stages = parsed.GetValue(_load) ?? [];
        var rate = parsed.GetValue(_rate);
        var copies = parsed.GetValue(_copies);
        if (stages.Length > 0)
        {
            if (rate is not null || copies is not null) throw new ArgumentException("use either --load stages or the --rate/--copies shortcut, not both");
            return stages.Select(LoadSpec.ParseStage).ToList();
        }
        if (rate is not null && copies is not null) throw new ArgumentException("use --rate (arrivals per second) or --copies (looping users), not both");
        var duration = DurationText.Parse(parsed.GetValue(_duration)!);
        var ramp = parsed.GetValue(_ramp) is { } rampText ? DurationText.Parse(rampText) : TimeSpan.Zero;
        var list = new List<LoadSimulation>();
        var second = TimeSpan.FromSeconds(1);
        if (copies is { } users)
        {
            if (ramp > TimeSpan.Zero) list.Add(LoadSimulation.RampingConstant(users, ramp));
            list.Add(LoadSimulation.KeepConstant(users, duration));
        }
        else
        {
            var perSecond = rate ?? 10;
            // An interval cannot be longer than its stage; a stage shorter than a second injects per its own length.
            if (ramp > TimeSpan.Zero) list.Add(LoadSimulation.RampingInject(perSecond, second, ramp));
            list.Add(duration >= second
                ? LoadSimulation.Inject(perSecond, second, duration)
                : LoadSimulation.Inject((int)Math.Round(perSecond * duration.TotalSeconds), duration, duration));
        }
        return list;
    }

    private static ILoadScenario Find(string name) => LoadScenarios.Find(name)
        ?? throw new ArgumentException($"no scenario named '{name}'; known: {string.Join(", ", LoadScenarios.All().Select(s => s.Name))}");

    private static string CommandLineText(string[] args) =>
        "wiimmfi-load " + string.Join(' ', args.Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) || a.Contains('"') ? "\"" + a.Replace("\"", "\\\"") + "\"" : a));
}

/// <summary>A checked <c>run</c> command: what to run, against what, with which load and limits, and where the report goes.</summary>
internal sealed record RunRequest(
    IReadOnlyList<ScenarioEntry> Scenarios,
    LoadTarget Target,
    IReadOnlyList<LoadSimulation> LoadSimulations,
    TimeSpan WarmUp,
    TimeSpan StepTimeout,
    int MaxUsers,
    LoadRunSettings Settings,
    string ReportFolder,
    TimeSpan ProgressInterval,
    bool FailOnErrors)
{
    /// <summary><c>--pacing</c>: for scenarios that are not part of a mix (a mix's parts have their own).</summary>
    public TimeSpan Pacing { get; init; }

    /// <summary>The <c>--set</c> values, read by the scenarios as they prepare.</summary>
    public ScenarioSettings ScenarioSettings { get; init; } = ScenarioSettings.Empty;
}

/// <summary>A scenario of a run, with its share of the run's load (1 unless it is a part of a mix) and the mix's pacing for it.</summary>
internal sealed record ScenarioEntry(ILoadScenario Scenario, double Share, TimeSpan? Pacing);
