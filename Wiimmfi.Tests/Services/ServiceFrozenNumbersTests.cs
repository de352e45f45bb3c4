using Wiimmfi.Actors.Storage;
using Wiimmfi.Host.Modules.Sake;
using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.Tests.Services;

/// <summary>
/// Numbers the storage services store, log or list are frozen (append only), and their released migration never
/// changes: databases record its checksum and refuse an edited script.
/// </summary>
public sealed class ServiceFrozenNumbersTests
{
    [Theory]
    [InlineData(StoreKind.Sqlite, "0100_sake_race_gamestats", "ec30c1535ed74d03a1d7a2d3805f87eb9b82776c1356374fc9b1caa3d6848d6a")]
    [InlineData(StoreKind.Postgres, "0100_sake_race_gamestats", "5ad85fc869998692d8ace25b539ef9f1a3d92d25415386e5be6e0902876ae4cc")]
    public void The_released_services_migration_never_changes(StoreKind kind, string id, string sha256)
    {
        Assert.Equal(sha256, SchemaMigrator.KnownMigrations(kind).Single(m => m.Id == id).Checksum);
    }

    [Fact]
    public void Stored_and_listed_service_enums_keep_their_numbers()
    {
        AssertFrozen("Generic=1 MkwGhost=2", Enum.GetValues<SakeFileKind>());
        AssertFrozen("Records=0 MkwGhostData=1 MkwStoredGhostData=2", Enum.GetValues<SakeTableKind>());
        AssertFrozen("None=0 Now=1", Enum.GetValues<SakeFieldDefault>());
        AssertFrozen("None=0 MiiAtStart=1", Enum.GetValues<SakeValueScrub>());
        AssertFrozen("Done=0 RecordNotFound=1 NotOwned=2 LimitReached=3 AlreadyRated=4", Enum.GetValues<SakeChangeOutcome>());
        AssertFrozen("Added=0 Improved=1 KeptBetter=2", Enum.GetValues<RaceScoreOutcome>());
        AssertFrozen("None=0 BadSize=1 BadMagic=2 BadChecksum=3 BadLapCount=4 BadTime=5 ScoreMismatch=6 LapSumMismatch=7 BadCourse=8 " +
            "BadCombo=9 BadMii=10 NotCompressed=11 BadCompression=12 TrailingData=13", Enum.GetValues<RkgdProblem>());
    }

    private static void AssertFrozen<T>(string expected, T[] values) where T : struct, Enum =>
        Assert.Equal(expected, string.Join(' ', values.Select(v => $"{v}={Convert.ToInt64(v)}")));
}
