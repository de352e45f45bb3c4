using System.Globalization;

namespace Wiimmfi.LoadTest.Monitoring;

/// <summary>
/// The two numbers a capacity run needs from Linux's <c>/proc/&lt;pid&gt;/stat</c>: CPU time used (user + system) and
/// resident memory. The line is "pid (comm) state ppid …"; comm may hold spaces and parentheses, so fields are
/// counted from the last ')'. After it, utime and stime are the 12th and 13th fields (stat fields 14 and 15) and rss,
/// in pages, the 22nd (stat field 24).
/// </summary>
public readonly record struct ProcStat(double CpuSeconds, long RssBytes)
{
    /// <summary>
    /// Clock ticks per second of utime/stime. The kernel reports them in USER_HZ, which is 100 on every Linux ABI
    /// .NET runs on (sysconf(_SC_CLK_TCK)); .NET has no API for it.
    /// </summary>
    public const int UserHz = 100;

    public static bool TryParse(string statLine, int pageSize, out ProcStat stat)
    {
        stat = default;
        var close = statLine.LastIndexOf(')');
        if (close < 0) return false;
        var fields = statLine[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 22) return false;
        if (!long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)) return false;
        if (!long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)) return false;
        if (!long.TryParse(fields[21], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rssPages)) return false;
        stat = new ProcStat((utime + stime) / (double)UserHz, Math.Max(0, rssPages) * pageSize);
        return true;
    }

    /// <summary>
    /// Reads a process's figures, or null when it cannot (not Linux, the process is gone, or this process is out of
    /// file descriptors — a load generator near its limit must not crash because a sample failed).
    /// </summary>
    public static ProcStat? Read(int pid)
    {
        try
        {
            var line = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return TryParse(line, Environment.SystemPageSize, out var stat) ? stat : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
