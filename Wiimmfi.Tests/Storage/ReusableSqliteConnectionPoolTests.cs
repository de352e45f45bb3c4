using Dapper;
using Microsoft.Data.Sqlite;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Storage;

/// <summary>The readers' pool keeps connections and their prepared statements across loans, and never lends a dirty one.</summary>
public sealed class ReusableSqliteConnectionPoolTests(SqliteFolderFixture folder) : IClassFixture<SqliteFolderFixture>
{
    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<string> NewTableAsync(string file)
    {
        await using var setup = Open(file);
        await setup.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        await setup.ExecuteAsync("INSERT INTO t (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        return file;
    }

    [Fact]
    public async Task The_next_loan_gets_the_same_connection_with_its_statement_still_prepared()
    {
        var file = await NewTableAsync(folder.NewFile());
        using var pool = new ReusableSqliteConnectionPool(() => Open(file));

        ReusableSqliteConnection first;
        await using (first = pool.Borrow())
            Assert.Equal("two", await first.QuerySingleAsync<string>("SELECT name FROM t WHERE id = @id", new { id = 2 }));
        Assert.Equal(1, pool.Idle);
        Assert.Equal(1, first.PreparedStatements);

        await using var second = pool.Borrow();
        Assert.Same(first, second);
        Assert.Equal("three", await second.QuerySingleAsync<string>("SELECT name FROM t WHERE id = @id", new { id = 3 }));
        Assert.Equal(1, second.PreparedStatements);
    }

    [Fact]
    public async Task A_list_that_Dapper_expands_binds_every_parameter_before_and_after_it()
    {
        var file = await NewTableAsync(folder.NewFile());
        using var pool = new ReusableSqliteConnectionPool(() => Open(file));
        await using var connection = pool.Borrow();

        var names = await connection.QueryAsync<string>(
            "SELECT name FROM t WHERE id > @low AND id IN @ids AND name <> @not ORDER BY id", new { low = 0, ids = new[] { 1, 2, 3 }, not = "two" });

        Assert.Equal(["one", "three"], names);
    }

    [Fact]
    public async Task A_connection_given_back_inside_a_transaction_is_closed_not_lent_again()
    {
        var file = await NewTableAsync(folder.NewFile());
        using var pool = new ReusableSqliteConnectionPool(() => Open(file));

        var dirty = pool.Borrow();
        var transaction = dirty.Inner.BeginTransaction(deferred: false);
        await dirty.ExecuteAsync("DELETE FROM t WHERE id = 1", transaction: transaction);
        await dirty.DisposeAsync(); // the borrower failed before ending its transaction

        Assert.Equal(0, pool.Idle);
        await using var next = pool.Borrow();
        Assert.NotSame(dirty, next);
        // The half-done delete was never committed, and the file is not left locked.
        Assert.Equal(3, await next.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
        using var write = next.Inner.BeginTransaction(deferred: false);
        Assert.Equal(1, await next.ExecuteAsync("DELETE FROM t WHERE id = 2", transaction: write));
    }
}
