namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// Whether the PostgreSQL server binaries are installed, and what to do when they are not:
/// skip PostgreSQL tests with a reason — unless <c>WIIMMFI_REQUIRE_POSTGRES=1</c> (CI sets it),
/// in which case the tests run and fail, so a CI machine cannot pass by silently skipping them.
/// </summary>
public static class PostgresAvailability
{
    /// <summary>The environment variable that turns "skip" into "fail".</summary>
    public const string RequireVariable = "WIIMMFI_REQUIRE_POSTGRES";

    private static readonly Lazy<string?> Bin = new(FindBinDirectory);

    /// <summary>The folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>, or null.</summary>
    public static string? BinDirectory => Bin.Value;

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The skip reason for PostgreSQL tests, or null when they must run.</summary>
    public static string? SkipReason => SkipReasonFor(binariesFound: BinDirectory is not null, required: IsRequired);

    /// <summary>The rule: skip only when the binaries are missing and CI does not require them.</summary>
    internal static string? SkipReasonFor(bool binariesFound, bool required) => !binariesFound && !required
        ? "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin; " +
          $"set {RequireVariable}=1 to make this a failure instead of a skip."
        : null;

    /// <summary>PATH first, then Debian's versioned folders (newest version first).</summary>
    private static string? FindBinDirectory()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(folder, "initdb");
            if (File.Exists(initdb) && File.Exists(Path.Combine(folder, "pg_ctl")))
            {
                // /usr/local/bin/initdb is often a link into the real bin folder, where postgres lives too.
                var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true);
                var real = target is null ? folder : Path.GetDirectoryName(target.FullName)!;
                return HasServerBinaries(real) ? real : folder;
            }
        }
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian))
        {
            return null;
        }
        return Directory.GetDirectories(debian)
            .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var v) ? v : 0, Bin: Path.Combine(version, "bin")))
            .Where(candidate => HasServerBinaries(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    private static bool HasServerBinaries(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
}
