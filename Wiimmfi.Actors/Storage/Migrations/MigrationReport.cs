namespace Wiimmfi.Actors.Storage;

/// <summary>What <see cref="SchemaMigrator.MigrateAsync(StoreOptions, CancellationToken)"/> did.</summary>
/// <param name="VersionBefore">Schema version found (0 = empty database).</param>
/// <param name="VersionAfter">Schema version now; equals the newest migration this build knows.</param>
/// <param name="Applied">Migrations applied by this call, in order (empty when already current).</param>
public sealed record MigrationReport(StoreKind Kind, int VersionBefore, int VersionAfter, IReadOnlyList<Migration> Applied)
{
    public override string ToString() => Applied.Count == 0
        ? $"{Kind} schema is current at version {VersionAfter}."
        : $"{Kind} schema migrated from version {VersionBefore} to {VersionAfter}: {string.Join(", ", Applied)}.";
}
