using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Configuration;

/// <summary><c>wiimmfi.sake</c>: SAKE storage and its file server.</summary>
public sealed record SakeOptions
{
    /// <value>Default on.</value>
    public bool Enabled { get; init; } = true;

    /// <value>Default on: a table no rule describes is served schemaless (WiiLink's choice); off answers TableNotFound.</value>
    [ConfigurationKeyName("open-tables")]
    public bool OpenTables { get; init; } = true;

    /// <value>Default 96 (WiiLink): records one profile may own in one game, all tables together.</value>
    [ConfigurationKeyName("max-records-per-profile")]
    public int MaxRecordsPerProfile { get; init; } = 96;

    /// <value>Default 128 KiB: largest file upload.aspx accepts (MKW ghosts have their own 10 KiB bound).</value>
    [ConfigurationKeyName("max-file-size")]
    public ByteSize MaxFileSize { get; init; } = ByteSize.FromKibibytes(128);

    /// <value>Default 100: files one profile may keep through upload.aspx, per game.</value>
    [ConfigurationKeyName("max-files-per-profile")]
    public int MaxFilesPerProfile { get; init; } = 100;
}

/// <summary><c>wiimmfi.race</c>: Mario Kart Wii rankings and competitions.</summary>
public sealed record RaceOptions
{
    /// <value>Default on.</value>
    public bool Enabled { get; init; } = true;

    /// <value>Default 1 MiB: largest competition file an operator may upload.</value>
    [ConfigurationKeyName("max-competition-size")]
    public ByteSize MaxCompetitionSize { get; init; } = ByteSize.FromMebibytes(1);
}

/// <summary><c>wiimmfi.gamestats</c>: the HTTP GameStats endpoints.</summary>
public sealed record GameStatsOptions
{
    /// <value>Default on.</value>
    public bool Enabled { get; init; } = true;

    /// <value>Default on: a wrong client hash gets an empty answer; off serves it anyway (WiiLink only logs).</value>
    [ConfigurationKeyName("strict-hash")]
    public bool StrictHash { get; init; } = true;
}

/// <summary><c>wiimmfi.dls1</c>: the DLS1 download server.</summary>
public sealed record Dls1Options
{
    /// <value>Default on.</value>
    public bool Enabled { get; init; } = true;

    /// <value>Default <c>dls1</c>: folder with one sub-folder per game code (rhgamecd); relative = inside the data folder.</value>
    public string Folder { get; init; } = "dls1";
}
