using Wiimmfi.LoadTest.Scenarios.Capacity;
using Wiimmfi.LoadTest.Scenarios.Evening;
using Wiimmfi.LoadTest.Scenarios.Health;
using Wiimmfi.LoadTest.Scenarios.Login;
using Wiimmfi.LoadTest.Scenarios.Presence;
using Wiimmfi.LoadTest.Scenarios.Sake;
using Wiimmfi.LoadTest.Scenarios.Matchmaking;
using Wiimmfi.LoadTest.Scenarios.NatNeg;
using Wiimmfi.LoadTest.Scenarios.Selftest;

namespace Wiimmfi.LoadTest.Scenarios;

/// <summary>Every scenario the command line knows. A protocol scenario is added with one line here.</summary>
public static class LoadScenarios
{
    public static IReadOnlyList<ILoadScenario> All() =>
    [
        new SelftestScenario(),
        new HealthScenario(),
        new LoginScenario(),
        new PresenceScenario(),
        new CapacityScenario(),
        new SakeSearchScenario(),
        new SakeMixScenario(),
        new Qr2RegisterScenario(),
        new Qr2HeartbeatScenario(changeRecords: false),
        new Qr2HeartbeatScenario(changeRecords: true),
        new MsListScenario(connectPerQuery: false),
        new MsListScenario(connectPerQuery: true),
        new NatNegScenario(),
        new EveningScenario(),
    ];

    public static ILoadScenario? Find(string name) =>
        All().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
