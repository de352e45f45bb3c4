namespace Wiimmfi.Actors.Storage;

/// <summary>
/// One numbered schema migration of one dialect: the script <c>Migrations/&lt;Dialect&gt;/NNNN_name.sql</c>.
/// <paramref name="Checksum"/> (SHA-256 of the script with LF line ends) is recorded when it is
/// applied, so a script edited after release is noticed instead of silently diverging.
/// </summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum)
{
    /// <summary>The file name without extension, e.g. <c>0001_initial</c>.</summary>
    public string Id => $"{Version:D4}_{Name}";

    public override string ToString() => Id;
}
