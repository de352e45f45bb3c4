using Wiimmfi.LoadTest.Scenarios.Health;
using Wiimmfi.LoadTest.Scenarios.Sake;
using Wiimmfi.LoadTest.Scenarios.Selftest;

namespace Wiimmfi.LoadTest.Scenarios;

/// <summary>Every scenario the command line knows. A protocol scenario is added with one line here.</summary>
public static class LoadScenarios
{
    public static IReadOnlyList<ILoadScenario> All() =>
    [
        new SelftestScenario(),
        new HealthScenario(),
        new SakeSearchScenario(),
        new SakeMixScenario(),
    ];

    public static ILoadScenario? Find(string name) =>
        All().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
