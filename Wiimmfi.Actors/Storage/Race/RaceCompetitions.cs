namespace Wiimmfi.Actors.Storage;

/// <summary>A competition an operator uploads.</summary>
/// <param name="CompetitionId">32–32767: the course id its scores are ranked under (never a standard course).</param>
/// <param name="Title">Shown to operators.</param>
/// <param name="Starts">First moment consoles may download it.</param>
/// <param name="Ends">End of the competition (exclusive).</param>
/// <param name="FileName">Name of the uploaded file, for the download's Content-Disposition.</param>
/// <param name="Content">The file, served exactly as uploaded.</param>
public sealed record RaceNewCompetition(int CompetitionId, string Title, DateTimeOffset Starts, DateTimeOffset Ends, string FileName, byte[] Content);

/// <summary>A competition as stored, without its file.</summary>
public sealed record RaceCompetitionInfo(
    int CompetitionId, string Title, DateTimeOffset Starts, DateTimeOffset Ends, string FileName, long Size, string Sha256,
    DateTimeOffset Uploaded, DateTimeOffset? Published)
{
    /// <summary>Published and running at <paramref name="now"/>: what consoles may download.</summary>
    public bool IsActiveAt(DateTimeOffset now) => Published is not null && Starts <= now && now < Ends;
}

/// <summary>A competition with its file.</summary>
public sealed record RaceCompetitionFile(RaceCompetitionInfo Info, byte[] Content);
