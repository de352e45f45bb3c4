namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// A heartbeat's player or team section: key names (player names end in <c>_</c>, team names in <c>_t</c>)
/// and one row of values per player/team. DWC games send an empty section.
/// </summary>
public sealed class Qr2KeyTable
{
    /// <summary>A section with no keys and no rows.</summary>
    public static Qr2KeyTable Empty { get; } = new([], []);

    /// <summary>Creates a section; every row must have one value per key name.</summary>
    public Qr2KeyTable(IReadOnlyList<string> keyNames, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(keyNames);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            if (row.Count != keyNames.Count)
                throw new ArgumentException("every row needs one value per key name", nameof(rows));
        }
        KeyNames = keyNames;
        Rows = rows;
    }

    /// <summary>The key names, in wire order.</summary>
    public IReadOnlyList<string> KeyNames { get; }

    /// <summary>One list of values per player/team, in key-name order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Number of players/teams.</summary>
    public int Count => Rows.Count;

    /// <summary>The value of <paramref name="keyName"/> for row <paramref name="row"/>, or null.</summary>
    public string? GetValue(int row, string keyName)
    {
        for (int i = 0; i < KeyNames.Count; i++)
        {
            if (KeyNames[i] == keyName)
                return Rows[row][i];
        }
        return null;
    }
}
