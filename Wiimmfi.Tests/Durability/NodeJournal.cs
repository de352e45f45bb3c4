using System.Text;
using Microsoft.Data.Sqlite;

namespace Wiimmfi.Tests.Durability;

/// <summary>Reads a running (or stopped) node's event journal straight from its SQLite file, read-only.</summary>
internal static class NodeJournal
{
    /// <summary>The payloads (JSON text) of the stored, not deleted events of <paramref name="persistenceId"/> with <paramref name="manifest"/>.</summary>
    public static List<string> Payloads(string dataFolder, string persistenceId, string manifest)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "wiimmfi.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM event_journal WHERE persistence_id = $id AND manifest = $manifest AND is_deleted = 0 ORDER BY sequence_nr";
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$manifest", manifest);
        var payloads = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) payloads.Add(Encoding.UTF8.GetString((byte[])reader[0]));
        return payloads;
    }
}
