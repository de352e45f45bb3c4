using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Scenarios.Common;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios;

/// <summary>
/// A scenario the command line can run by name (<c>wiimmfi-load run --scenario &lt;name&gt;</c>). It builds its
/// <see cref="Scenario"/> for a target — and may start helpers it needs, such as the self-test's echo servers,
/// returned for disposal after the run. The command line then applies the run's load, warm-up and limits.
/// </summary>
public interface ILoadScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>The target ports this scenario uses, with the port it assumes when the run names none.</summary>
    IReadOnlyDictionary<string, int> DefaultPorts { get; }

    ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// Prepares with the run's <c>--set</c> values. A scenario with knobs reads them here (and refuses bad ones with
    /// <see cref="FormatException"/>); one without knobs keeps this default and ignores them.
    /// </summary>
    ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, ScenarioSettings settings, CancellationToken cancellationToken) =>
        PrepareAsync(target, cancellationToken);
}

/// <summary>A scenario ready to run, and whatever must be disposed when the run is over.</summary>
public sealed class PreparedScenario(Scenario scenario, IAsyncDisposable? resources = null) : IAsyncDisposable
{
    public Scenario Scenario { get; } = scenario;

    public ValueTask DisposeAsync() => resources?.DisposeAsync() ?? ValueTask.CompletedTask;
}
