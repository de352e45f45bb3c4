namespace Wiimmfi.Actors.Storage;

/// <summary>
/// The schema cannot be brought to this build's version: a migration failed (and was rolled
/// back), or the recorded history does not match this build's scripts. The message says which
/// migration and what to do.
/// </summary>
public class SchemaMigrationException : Exception
{
    public SchemaMigrationException(string message) : base(message)
    {
    }

    public SchemaMigrationException(string message, Exception inner) : base(message, inner)
    {
    }
}

/// <summary>
/// The database was migrated by a newer build than this one. Running older code against it could
/// misread or damage data, so the store refuses to start.
/// </summary>
public sealed class SchemaTooNewException : SchemaMigrationException
{
    public SchemaTooNewException(StoreKind kind, int databaseVersion, int latestKnownVersion)
        : base($"The {kind} database schema is at version {databaseVersion}, but this build only knows migrations up to " +
               $"version {latestKnownVersion}. Refusing to run older code against a newer schema: upgrade the server, " +
               "or point it at a database that matches this build.")
    {
        DatabaseVersion = databaseVersion;
        LatestKnownVersion = latestKnownVersion;
    }

    public int DatabaseVersion { get; }

    public int LatestKnownVersion { get; }
}
