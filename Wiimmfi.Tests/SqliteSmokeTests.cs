using Microsoft.Data.Sqlite;

namespace Wiimmfi.Tests;

public class SqliteSmokeTests
{
    [Fact]
    public void Embedded_sqlite_opens_a_real_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wiimmfi-smoke-{Guid.NewGuid():N}.db");
        try
        {
            using var conn = new SqliteConnection($"Data Source={path}");
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "create table t(x int); insert into t values (42); select x from t;";
            Assert.Equal(42L, cmd.ExecuteScalar());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
