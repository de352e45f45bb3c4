using Wiimmfi.Protocols.Dls1;

namespace Wiimmfi.Host.Modules.Dls1;

/// <summary>
/// The operator's DLS1 files: <c>&lt;folder&gt;/&lt;rhgamecd&gt;/</c> holds a game's files and optionally
/// <c>_list.txt</c> (one tab-separated line per file: name, title, attr1–3, size). Without a list file every file of
/// the folder is listed, by name, with empty attributes. A missing folder lists nothing. Names reaching here are
/// already plain base names; the resolved path is checked once more to stay inside the game's folder (a symbolic
/// link pointing out is refused).
/// </summary>
public sealed class Dls1Folder(string root)
{
    /// <summary>Most entries read from one folder or list file (real lists hold tens).</summary>
    public const int MaxEntries = 10_000;

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The entries of a game, in list-file or name order.</summary>
    public IReadOnlyList<Dls1ListEntry> List(string gameCode)
    {
        var directory = GameDirectory(gameCode);
        if (directory is null || !Directory.Exists(directory))
        {
            return [];
        }
        var listFile = Path.Combine(directory, Dls1Wire.ListFileName);
        if (File.Exists(listFile))
        {
            return Dls1ListEntry.ParseList(File.ReadAllText(listFile), out _, MaxEntries);
        }
        return new DirectoryInfo(directory).EnumerateFiles()
            .Where(f => Dls1Request.IsPlainFileName(f.Name))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Take(MaxEntries)
            .Select(f => Dls1ListEntry.ForFile(f.Name, f.Length))
            .ToList();
    }

    /// <summary>The file, or null when it does not exist or resolves outside the game's folder.</summary>
    public FileInfo? FindFile(string gameCode, string name)
    {
        var directory = GameDirectory(gameCode);
        if (directory is null || !Dls1Request.IsPlainFileName(name))
        {
            return null;
        }
        var file = new FileInfo(Path.Combine(directory, name));
        if (!file.Exists)
        {
            return null;
        }
        var target = file.LinkTarget is null ? file.FullName : file.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        return target is not null && target.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? file : null;
    }

    private string? GameDirectory(string gameCode) =>
        Dls1Request.IsGameCode(gameCode) ? Path.Combine(Root, gameCode) : null;
}
