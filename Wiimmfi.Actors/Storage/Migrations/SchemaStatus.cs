namespace Wiimmfi.Actors.Storage;

/// <summary>The schema version of a database compared with what this build knows.</summary>
/// <param name="DatabaseVersion">Newest migration recorded in the database (0 = none).</param>
/// <param name="LatestVersion">Newest migration this build carries.</param>
/// <param name="Pending">Migrations a <c>db migrate</c> would apply, in order.</param>
public sealed record SchemaStatus(StoreKind Kind, int DatabaseVersion, int LatestVersion, IReadOnlyList<Migration> Pending)
{
    public bool IsCurrent => Pending.Count == 0;
}
