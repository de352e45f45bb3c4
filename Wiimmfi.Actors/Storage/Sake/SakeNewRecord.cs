using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Actors.Storage;

/// <summary>A record to create.</summary>
/// <param name="GameId">The game's GameSpy id.</param>
/// <param name="TableId">The table name (case-sensitive).</param>
/// <param name="OwnerId">The creator's profile id.</param>
/// <param name="Fields">Values to store (already validated against the table's rule, defaults applied).</param>
/// <param name="Layout">Which integer fields the table indexes.</param>
public sealed record SakeNewRecord(int GameId, string TableId, uint OwnerId, IReadOnlyList<SakeField> Fields, SakeTableLayout Layout);

/// <summary>
/// How a table's records are laid out for searching: up to <see cref="MaxIndexedFields"/> integer fields whose
/// values are copied into indexed columns (k0..k3), in that order. Searches that compare or sort those fields use
/// the indexes (best: equality on the first ones, sort on the third); any other field is read from the record's
/// JSON, which means reading every record of the table.
/// </summary>
public sealed record SakeTableLayout(IReadOnlyList<string> IndexedFields)
{
    /// <summary>Indexed columns in the schema (k0..k3).</summary>
    public const int MaxIndexedFields = 4;

    /// <summary>A table with no indexed field.</summary>
    public static SakeTableLayout None { get; } = new([]);

    /// <summary>The column for <paramref name="field"/>, or null.</summary>
    public string? ColumnOf(string field)
    {
        for (var i = 0; i < IndexedFields.Count && i < MaxIndexedFields; i++)
        {
            if (IndexedFields[i] == field)
            {
                return SlotColumns[i];
            }
        }
        return null;
    }

    internal static readonly string[] SlotColumns = ["k0", "k1", "k2", "k3"];
}

/// <summary>Bounds checked inside the write transaction of a CreateRecord.</summary>
/// <param name="PerTable">Records one profile may own in the table.</param>
/// <param name="PerGame">Records one profile may own in all tables of the game (WiiLink: 96).</param>
public sealed record SakeOwnerLimits(int PerTable, int PerGame);
