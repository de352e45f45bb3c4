using Npgsql;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Storage;

/// <summary>The PostgreSQL store prepares its repeated statements by itself unless the operator decided otherwise.</summary>
public class PostgresAutoPrepareTests
{
    [Fact]
    public void A_connection_string_without_max_auto_prepare_gets_the_store_default()
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresStoreDatabase.WithAutoPrepare("Host=127.0.0.1;Port=5433;Username=wiimmfi;Database=wiimmfi"));

        Assert.Equal(PostgresStoreDatabase.DefaultMaxAutoPrepare, result.MaxAutoPrepare);
        Assert.Equal(5433, result.Port);
        Assert.Equal("wiimmfi", result.Database);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=wiimmfi;Max Auto Prepare=0", 0)]
    [InlineData("Host=127.0.0.1;Database=wiimmfi;MaxAutoPrepare=200", 200)]
    public void An_operators_max_auto_prepare_is_kept(string connectionString, int expected)
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresStoreDatabase.WithAutoPrepare(connectionString));

        Assert.Equal(expected, result.MaxAutoPrepare);
    }
}
