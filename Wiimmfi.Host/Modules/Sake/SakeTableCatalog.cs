using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>
/// The table rules a node serves, by (gamename, table id). The shipped set is Mario Kart Wii's (sake.md §8.1):
/// <c>FriendInfo</c> (one record per profile holding the Mii and more in <c>info</c>, readable by all, the Mii's
/// personal data removed for others; extra fields tolerated, as MKW mods add some) and the two ghost tables, which
/// are answered from the ghost store and refuse every other action.
/// </summary>
public sealed class SakeTableCatalog
{
    private readonly Dictionary<(string Game, string Table), SakeTableRule> _rules = [];

    public SakeTableCatalog(IEnumerable<SakeTableRule> rules)
    {
        foreach (var rule in rules)
        {
            var problems = rule.Problems();
            if (problems.Count > 0)
            {
                throw new ArgumentException(string.Join("; ", problems), nameof(rules));
            }
            _rules[(rule.GameName, rule.TableId)] = rule;
        }
    }

    /// <summary>Every rule.</summary>
    public IReadOnlyCollection<SakeTableRule> Rules => _rules.Values;

    /// <summary>The rule of a table, or null when none is declared.</summary>
    public SakeTableRule? Find(string gameName, string tableId) => _rules.GetValueOrDefault((gameName, tableId));

    /// <summary>Mario Kart Wii's tables.</summary>
    public static SakeTableCatalog Shipped { get; } = new(MarioKartWii());

    private static IEnumerable<SakeTableRule> MarioKartWii()
    {
        const string game = MkwFacts.GameName;
        yield return new SakeTableRule(game, "FriendInfo")
        {
            Fields = Declare(("info", new SakeFieldRule(SakeFieldType.BinaryData) { ScrubForOthers = SakeValueScrub.MiiAtStart })),
            LimitPerOwner = 1,
        };
        var ghostFields = Declare(
            ("fileid", new SakeFieldRule(SakeFieldType.Int)),
            ("profile", new SakeFieldRule(SakeFieldType.Int)),
            ("course", new SakeFieldRule(SakeFieldType.Int)),
            ("region", new SakeFieldRule(SakeFieldType.Int)),
            ("time", new SakeFieldRule(SakeFieldType.Int)));
        yield return new SakeTableRule(game, "GhostData") { Kind = SakeTableKind.MkwGhostData, Fields = ghostFields, Hardened = true };
        yield return new SakeTableRule(game, "StoredGhostData") { Kind = SakeTableKind.MkwStoredGhostData, Fields = ghostFields, Hardened = true };
    }

    private static Dictionary<string, SakeFieldRule> Declare(params (string Name, SakeFieldRule Rule)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Rule, StringComparer.Ordinal);
}
