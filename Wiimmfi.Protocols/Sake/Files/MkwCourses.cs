namespace Wiimmfi.Protocols.Sake.Files;

/// <summary>Course-id ranges of Mario Kart Wii time trials and competitions (sake.md §8, race.md §2).</summary>
public static class MkwCourses
{
    /// <summary>Highest id of the 32 standard courses (0–31).</summary>
    public const int LastStandardCourse = 31;

    /// <summary>Highest competition id accepted (WiiLink: 32767).</summary>
    public const int LastCompetitionCourse = 32767;

    /// <summary>Time limit of a ghost or score: strictly below 6 minutes, in milliseconds.</summary>
    public const int TimeLimitMilliseconds = 360_000;

    /// <summary>Region ids 0 worldwide, 1 Japan, 2 United States, 3 Europe, 4 Australia, 5 Taiwan, 6 Korea, 7 China.</summary>
    public const int LastRegion = 7;

    public static bool IsStandardCourse(int courseId) => courseId is >= 0 and <= LastStandardCourse;

    public static bool IsCompetitionCourse(int courseId) => courseId is > LastStandardCourse and <= LastCompetitionCourse;
}
