namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// A fact that needs the throwaway PostgreSQL server: skipped with a reason when the binaries
/// are missing, unless <c>WIIMMFI_REQUIRE_POSTGRES=1</c> (then it runs and fails).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresAvailability.SkipReason!;
    }
}
