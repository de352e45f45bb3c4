namespace Wiimmfi.LoadTest.Scenarios;

/// <summary>
/// A scenario made of other scenarios run side by side, each with a share of the run's load (its rate or population
/// multiplied by the share). The command line runs the parts as separate scenarios, so the report has a row per part.
/// </summary>
public interface IMixScenario : ILoadScenario
{
    /// <summary>The parts by scenario name, with their shares of the load (the shares add up to 1).</summary>
    IReadOnlyList<MixPart> Parts { get; }
}

/// <param name="Scenario">A scenario name from <see cref="LoadScenarios.All"/>.</param>
/// <param name="Share">Its share of the run's load, above 0 and at most 1.</param>
/// <param name="Why">What the share models, for the scenario list and the docs.</param>
/// <param name="Pacing">Closed model: how often one of its users starts an iteration at most (see <c>Scenario.Pacing</c>).</param>
public sealed record MixPart(string Scenario, double Share, string Why, TimeSpan Pacing = default);
