using System.Globalization;

namespace Wiimmfi.Protocols.Dls1;

/// <summary>
/// One line of a DLS1 list: <c>&lt;filename&gt;\t&lt;title&gt;\t&lt;attr1&gt;\t&lt;attr2&gt;\t&lt;attr3&gt;\t&lt;size&gt;</c>.
/// The title is NWC-base64 of UTF-16 text (or empty) and is passed through as stored.
/// </summary>
public sealed record Dls1ListEntry(string FileName, string Title, string Attr1, string Attr2, string Attr3, long Size)
{
    /// <summary>Columns in a line.</summary>
    public const int ColumnCount = 6;

    /// <summary>The line synthesised for a file when the directory has no list file.</summary>
    public static Dls1ListEntry ForFile(string fileName, long size) => new(fileName, "", "", "", "", size);

    /// <summary>The line text (no line break).</summary>
    public string Format() =>
        string.Join('\t', FileName, Title, Attr1, Attr2, Attr3, Size.ToString(CultureInfo.InvariantCulture));

    /// <summary>Parses one line; false unless it has exactly six columns, a plain file name and a size.</summary>
    public static bool TryParse(string line, out Dls1ListEntry? entry)
    {
        entry = null;
        var columns = line.Split('\t');
        if (columns.Length != ColumnCount
            || !Dls1Request.IsPlainFileName(columns[0])
            || !long.TryParse(columns[5].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return false;
        }
        entry = new Dls1ListEntry(columns[0], columns[1], columns[2], columns[3], columns[4], size);
        return true;
    }

    /// <summary>
    /// Parses a <c>_list.txt</c>. Lines that are not six valid columns are skipped (AltWFC's filter
    /// drops them too) and counted in <paramref name="skippedLines"/>; at most
    /// <paramref name="maxEntries"/> entries are read.
    /// </summary>
    public static List<Dls1ListEntry> ParseList(string text, out int skippedLines, int maxEntries = 10_000)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<Dls1ListEntry>();
        skippedLines = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            if (entries.Count < maxEntries && TryParse(line, out var entry))
            {
                entries.Add(entry!);
            }
            else
            {
                skippedLines++;
            }
        }
        return entries;
    }
}
