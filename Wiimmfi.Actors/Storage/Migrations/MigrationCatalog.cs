using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Loads the migration scripts embedded in this assembly (<c>Storage/Migrations/&lt;Dialect&gt;/NNNN_name.sql</c>,
/// see the csproj) and checks that their numbers strictly increase. Numbers may leave gaps: parallel work
/// takes its own range (0100–0199 SAKE/RACE/GAMESTATS, 0200–0299 persistence) so branches never collide.
/// To add a migration: drop <c>NNNN_what.sql</c> with the next number of your range into both dialect folders.
/// </summary>
internal static partial class MigrationCatalog
{
    private const string ResourcePrefix = "WiimmfiMigrations/";

    private static readonly Lazy<IReadOnlyList<Migration>> SqliteMigrations = new(() => Load(StoreKind.Sqlite));
    private static readonly Lazy<IReadOnlyList<Migration>> PostgresMigrations = new(() => Load(StoreKind.Postgres));

    public static IReadOnlyList<Migration> For(StoreKind kind) => kind switch
    {
        StoreKind.Sqlite => SqliteMigrations.Value,
        StoreKind.Postgres => PostgresMigrations.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown store kind."),
    };

    /// <summary>SHA-256 (lowercase hex) of the script with a BOM removed and line ends made LF.</summary>
    public static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(sql))));

    private static IReadOnlyList<Migration> Load(StoreKind kind)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var folder = ResourcePrefix + kind + "/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(folder, StringComparison.Ordinal))
            {
                continue;
            }
            var file = name[folder.Length..];
            var match = FileName().Match(file);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Migration file '{file}' ({kind}) is not named NNNN_lowercase_name.sql.");
            }
            var sql = Normalize(Read(assembly, resource));
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                sql,
                Checksum(sql)));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version < 1 || (i > 0 && migrations[i].Version == migrations[i - 1].Version))
            {
                throw new InvalidOperationException(
                    $"{kind} migrations must have distinct numbers from 1 up; found {migrations[i].Id} at position {i + 1}.");
            }
        }
        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' cannot be read.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string Normalize(string sql) => sql.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
