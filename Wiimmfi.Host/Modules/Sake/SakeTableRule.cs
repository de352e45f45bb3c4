using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>How a table's records are served. Frozen numbers (they appear in rule listings); append only.</summary>
public enum SakeTableKind
{
    /// <summary>Ordinary records in the store.</summary>
    Records = 0,
    /// <summary>Mario Kart Wii <c>GhostData</c>: a search answered from the ghost store (a rival's ghost).</summary>
    MkwGhostData = 1,
    /// <summary>Mario Kart Wii <c>StoredGhostData</c>: a search answered from the ghost store (the fastest ghost).</summary>
    MkwStoredGhostData = 2,
}

/// <summary>A value the server fills in when CreateRecord leaves a declared field out.</summary>
public enum SakeFieldDefault
{
    None = 0,
    /// <summary>The current time (dateAndTime fields).</summary>
    Now = 1,
}

/// <summary>What is removed from a field's value before someone other than the owner reads it.</summary>
public enum SakeValueScrub
{
    None = 0,
    /// <summary>Binary data starting with a Mii (MKW <c>FriendInfo.info</c>): the creator's personal data, when the Mii's CRC is valid.</summary>
    MiiAtStart = 1,
}

/// <summary>A declared field of a table.</summary>
/// <param name="Type">The only type the field accepts (<see cref="SakeResult.FieldTypeInvalid"/> otherwise).</param>
public sealed record SakeFieldRule(SakeFieldType Type)
{
    /// <summary>Characters of a string, bytes of binary data; null = the service's limit.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Filled in on create when absent.</summary>
    public SakeFieldDefault Default { get; init; }

    /// <summary>Removed from the value for readers other than the owner.</summary>
    public SakeValueScrub ScrubForOthers { get; init; }
}

/// <summary>
/// The rules of one SAKE table, as data: which fields it declares and their types, whether undeclared fields are
/// allowed, who may create, read, update and delete, whether it takes votes, how many records one profile may own,
/// and which integer fields the store indexes (see <see cref="SakeTableLayout"/>). Mario Kart Wii's tables are the
/// shipped set (<see cref="SakeTableCatalog"/>); a table without a rule is served with <see cref="Open"/> when the
/// node allows open tables.
/// </summary>
public sealed record SakeTableRule(string GameName, string TableId)
{
    public SakeTableKind Kind { get; init; } = SakeTableKind.Records;

    /// <summary>Declared fields by name (case-sensitive, as SAKE names are).</summary>
    public IReadOnlyDictionary<string, SakeFieldRule> Fields { get; init; } = new Dictionary<string, SakeFieldRule>(StringComparer.Ordinal);

    /// <summary>Undeclared fields are refused with <see cref="SakeResult.FieldNotFound"/> (otherwise stored as sent).</summary>
    public bool Hardened { get; init; }

    /// <summary>Any profile may create records.</summary>
    public bool PublicCreate { get; init; } = true;

    /// <summary>Any profile may read every record (otherwise only its own).</summary>
    public bool PublicRead { get; init; } = true;

    /// <summary>The owner may update its records.</summary>
    public bool OwnerUpdate { get; init; } = true;

    /// <summary>The owner may delete its records.</summary>
    public bool OwnerDelete { get; init; } = true;

    /// <summary>RateRecord is allowed and the rating fields are readable.</summary>
    public bool Rateable { get; init; }

    /// <summary>Records one profile may own in this table; null = the node's per-profile limit.</summary>
    public int? LimitPerOwner { get; init; }

    /// <summary>Declared integer fields the store indexes, best first (equality fields, then the usual sort field).</summary>
    public IReadOnlyList<string> IndexedFields { get; init; } = [];

    /// <summary>The store layout of the table.</summary>
    public SakeTableLayout Layout => IndexedFields.Count == 0 ? SakeTableLayout.None : new SakeTableLayout(IndexedFields);

    /// <summary>The rule of a table nobody described: schemaless, public, owner-managed.</summary>
    public static SakeTableRule Open(string gameName, string tableId) => new(gameName, tableId);

    /// <summary>The declared type of a field (metadata and rating fields included), or null.</summary>
    public SakeFieldType? TypeOf(string field) => field switch
    {
        SakeReservedFields.RecordId or SakeReservedFields.OwnerId or SakeReservedFields.GameId => SakeFieldType.Int,
        SakeReservedFields.NumRatings or SakeReservedFields.SumRatings or SakeReservedFields.MyRating when Rateable => SakeFieldType.Int,
        SakeReservedFields.AverageRating when Rateable => SakeFieldType.Float,
        _ => Fields.TryGetValue(field, out var rule) ? rule.Type : null,
    };

    /// <summary>Problems that make the rule unusable (checked for the shipped set by a test and at start-up).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (IndexedFields.Count > SakeTableLayout.MaxIndexedFields)
        {
            problems.Add($"{GameName}/{TableId}: at most {SakeTableLayout.MaxIndexedFields} indexed fields");
        }
        foreach (var field in IndexedFields)
        {
            if (!Fields.TryGetValue(field, out var rule) || !SakeFieldTypes.IsInteger(rule.Type))
            {
                problems.Add($"{GameName}/{TableId}: indexed field '{field}' is not a declared integer field");
            }
        }
        foreach (var (name, _) in Fields)
        {
            if (SakeReservedFields.CheckWritable(name) != SakeResult.Success)
            {
                problems.Add($"{GameName}/{TableId}: '{name}' is a reserved field name");
            }
        }
        if (LimitPerOwner is < 1)
        {
            problems.Add($"{GameName}/{TableId}: the per-owner limit must be positive");
        }
        return problems;
    }
}
