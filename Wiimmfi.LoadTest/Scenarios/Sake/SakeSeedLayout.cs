using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.Protocols.Sake.Files;

namespace Wiimmfi.LoadTest.Scenarios.Sake;

/// <summary>
/// The SAKE data a benchmark seeds into a node's database before the SAKE scenarios run, described as pure
/// functions of an index so the seeder (which writes it) and the scenarios (which search it and check the answers)
/// agree without reading anything back:
/// <list type="bullet">
/// <item><see cref="FriendInfoRecords"/> Mario Kart Wii <c>FriendInfo</c> records, one per seeded profile
///   <see cref="FirstProfileId"/> + i, whose <c>info</c> is a player info (a Mii and four bytes);</item>
/// <item><see cref="GhostPlayers"/> players × <see cref="Courses"/> courses time-trial scores, each with its ghost,
///   players being the first seeded profiles; times are spread over <see cref="TimeSpreadMs"/> above a per-course
///   base, regions over Japan, the Americas, Europe and Australia.</item>
/// </list>
/// Seeded profile ids sit below the node's own profile-id range (which starts at 1,000,000,000), so consoles that
/// sign in during a run never collide with them. The seeded profiles have no account: nobody signs in as them.
/// </summary>
/// <param name="FriendInfoRecords">FriendInfo records (and seeded profile ids).</param>
/// <param name="GhostPlayers">Players with a ghost on every course; at most <paramref name="FriendInfoRecords"/>.</param>
public sealed record SakeSeedLayout(int FriendInfoRecords, int GhostPlayers)
{
    /// <summary>The first seeded profile id.</summary>
    public const uint FirstProfileId = 100_000_001;

    /// <summary>Seeded profiles end well below the node's first profile id (1,000,000,000).</summary>
    public const int MaxRecords = 1_000_000;

    /// <summary>The 32 standard courses (ids 0–31).</summary>
    public const int Courses = MkwCourses.LastStandardCourse + 1;

    /// <summary>Ghost times lie in [base, base + spread) of their course.</summary>
    public const int TimeSpreadMs = 60_000;

    /// <summary>The most friends a Mario Kart Wii roster holds: the largest FriendInfo search by owners.</summary>
    public const int MaxFriends = 30;

    /// <summary>Input bytes of a seeded ghost: with the Yaz1 literal encoding and the header, a file of about 1.3 KB.</summary>
    public const int GhostInputBytes = 1024;

    /// <summary>The benchmark's data: 100,000 FriendInfo records and 3,125 players × 32 courses = 100,000 ghosts.</summary>
    public static SakeSeedLayout Standard { get; } = new(100_000, 3_125);

    /// <summary>Time-trial scores (and ghosts) seeded.</summary>
    public int GhostRecords => Courses * GhostPlayers;

    /// <summary>Throws <see cref="ArgumentException"/> for a layout that cannot be seeded.</summary>
    public void Validate()
    {
        if (FriendInfoRecords is < 1 or > MaxRecords)
        {
            throw new ArgumentException($"FriendInfo records must be 1-{MaxRecords}, not {FriendInfoRecords}");
        }
        if (GhostPlayers < 1 || GhostPlayers > FriendInfoRecords)
        {
            throw new ArgumentException($"ghost players must be 1-{FriendInfoRecords} (the seeded profiles), not {GhostPlayers}");
        }
    }

    /// <summary>The profile id of seeded profile <paramref name="index"/> (0-based).</summary>
    public static uint ProfileId(int index) => FirstProfileId + (uint)index;

    /// <summary>Whether a profile id is one of this layout's seeded profiles.</summary>
    public bool IsSeededProfile(uint profileId) => profileId >= FirstProfileId && profileId - FirstProfileId < (uint)FriendInfoRecords;

    /// <summary>The fastest time any course can have (the base of course 0).</summary>
    public static int CourseBaseMs(int course) => 70_000 + (course % 8) * 10_000;

    /// <summary>Player <paramref name="player"/>'s time on <paramref name="course"/>: base plus a well-mixed offset.</summary>
    public static int GhostTimeMs(int course, int player) => CourseBaseMs(course) + (int)(Mix((ulong)course << 32 | (uint)player) % TimeSpreadMs);

    /// <summary>Region 1 Japan (25 %), 2 Americas (35 %), 3 Europe (35 %), 4 Australia (5 %).</summary>
    public static int Region(int player) => (Mix(0xA5A5_0000_0000UL | (uint)player) % 20) switch
    {
        < 5 => 1,
        < 12 => 2,
        < 19 => 3,
        _ => 4,
    };

    /// <summary>The Mii of seeded profile <paramref name="index"/> (name and create id derived from it, CRC set).</summary>
    public static byte[] Mii(int index) =>
        MkwSampleData.Mii("P" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), 0x8A00_0000_0000_0000UL | (uint)index);

    /// <summary>The <c>info</c> value of seeded profile <paramref name="index"/>'s FriendInfo record.</summary>
    public static byte[] FriendInfo(int index) => MkwSampleData.PlayerInfo(Mii(index), controller: 1, state: 2, country: (byte)(Region(index) * 10));

    /// <summary>The player info stored with a seeded score.</summary>
    public static byte[] PlayerInfo(int player) => FriendInfo(player);

    /// <summary>A valid compressed ghost file for a seeded score.</summary>
    public static byte[] Ghost(int course, int player) => MkwSampleData.Ghost(course, GhostTimeMs(course, player), Mii(player), GhostInputBytes);

    /// <summary>
    /// Seeded times per course, sorted ascending, with the region of each: what the scenarios check ghost-search
    /// answers against. Built in one pass (a few milliseconds for the standard layout).
    /// </summary>
    public SeededTimes Times() => new(this);

    /// <summary>SplitMix64's finaliser: a cheap, well-distributed hash of a 64-bit key.</summary>
    private static ulong Mix(ulong key)
    {
        key += 0x9E37_79B9_7F4A_7C15UL;
        key = (key ^ (key >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        key = (key ^ (key >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return key ^ (key >> 31);
    }
}

/// <summary>The seeded ghost times of a layout by course, sorted, to check what a ghost search answers.</summary>
public sealed class SeededTimes
{
    private readonly int[][] _byCourse;
    private readonly int[][][] _byCourseAndRegion;

    internal SeededTimes(SakeSeedLayout layout)
    {
        _byCourse = new int[SakeSeedLayout.Courses][];
        _byCourseAndRegion = new int[SakeSeedLayout.Courses][][];
        for (var course = 0; course < SakeSeedLayout.Courses; course++)
        {
            var all = new int[layout.GhostPlayers];
            var regions = new List<int>[MkwCourses.LastRegion + 1];
            for (var r = 0; r < regions.Length; r++) regions[r] = [];
            for (var player = 0; player < layout.GhostPlayers; player++)
            {
                all[player] = SakeSeedLayout.GhostTimeMs(course, player);
                regions[SakeSeedLayout.Region(player)].Add(all[player]);
            }
            Array.Sort(all);
            _byCourse[course] = all;
            _byCourseAndRegion[course] = regions.Select(list => { list.Sort(); return list.ToArray(); }).ToArray();
        }
    }

    /// <summary>The fastest seeded time on a course, worldwide (region 0) or in a region; null when none is seeded there.</summary>
    public int? Fastest(int course, int region = 0)
    {
        var times = region == 0 ? _byCourse[course] : _byCourseAndRegion[course][region];
        return times.Length == 0 ? null : times[0];
    }

    /// <summary>The slowest seeded time on a course.</summary>
    public int Slowest(int course) => _byCourse[course][^1];

    /// <summary>The largest seeded time strictly below <paramref name="belowMs"/> on a course, or null.</summary>
    public int? LargestBelow(int course, int belowMs)
    {
        var times = _byCourse[course];
        var index = Array.BinarySearch(times, belowMs);
        // BinarySearch finds some equal element or the complement of the first larger one; step back to below.
        var first = index >= 0 ? FirstIndexOf(times, index) : ~index;
        return first == 0 ? null : times[first - 1];
    }

    private static int FirstIndexOf(int[] times, int index)
    {
        while (index > 0 && times[index - 1] == times[index]) index--;
        return index;
    }
}
