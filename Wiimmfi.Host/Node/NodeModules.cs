namespace Wiimmfi.Host.Node;

/// <summary>The modules a node runs, in start order (a module may use what an earlier one registered).</summary>
public static class NodeModules
{
    public static IReadOnlyList<NodeModule> All() =>
    [
        new Modules.SecretsModule(),
        new Modules.GameListModule(),
        new Modules.PersistenceModule(),
        new Modules.Nas.NasModule(),
        new Modules.Gpcm.GpcmModule(),
        new Modules.Gpsp.GpspModule(),
        new Modules.Moderation.ModerationModule(),
        new Modules.SakeModule(),
        new Modules.RaceModule(),
        new Modules.GameStatsModule(),
        new Modules.Dls1Module(),
        new Modules.NatNegModule(),
        new Modules.MasterModule(),
        new Modules.ServerBrowserModule(),
    ];
}
