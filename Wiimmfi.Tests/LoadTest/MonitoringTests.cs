using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Monitoring;
using Wiimmfi.LoadTest.Reports;

namespace Wiimmfi.Tests.LoadTest;

public class MonitoringTests
{
    [Fact]
    public void A_proc_stat_line_gives_cpu_seconds_and_rss_even_when_the_command_name_has_spaces_and_parentheses()
    {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        // priority nice threads itrealvalue starttime vsize rss ...
        const string line = "4242 (wiimmfi (node) 1) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 12 0 100 300000000 2500 18446744073709551615";

        Assert.True(ProcStat.TryParse(line, pageSize: 4096, out var stat));

        Assert.Equal(3.0, stat.CpuSeconds); // (250 + 50) ticks at 100 per second
        Assert.Equal(2500L * 4096, stat.RssBytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 wiimmfi S 1")]
    [InlineData("4242 (wiimmfi) S 1 2 3")]
    [InlineData("4242 (wiimmfi) S 1 4242 4242 0 -1 4194560 1000 0 0 0 abc 50 0 0 20 0 12 0 100 300000000 2500")]
    public void A_damaged_proc_stat_line_is_not_read(string line) =>
        Assert.False(ProcStat.TryParse(line, 4096, out _));

    [Fact]
    public void This_process_can_be_read_from_proc()
    {
        var stat = ProcStat.Read(Environment.ProcessId);

        Assert.NotNull(stat);
        Assert.True(stat.Value.RssBytes > 0);
    }

    [Fact]
    public void A_sample_series_is_summarised_as_rss_start_peak_end_and_cpu_over_the_wall_time()
    {
        var samples = new[]
        {
            new ProcessSampleData(0, 100, 1.0, 0),
            new ProcessSampleData(2, 300, 2.0, 50),
            new ProcessSampleData(4, 200, 4.0, 50),
        };

        var summary = ProcessSampler.Summarize(7, "target", samples);

        Assert.Equal((100L, 300L, 200L), (summary.RssStartBytes, summary.RssPeakBytes, summary.RssEndBytes));
        Assert.Equal(75, summary.CpuPercent); // 3 CPU seconds in 4 wall seconds
    }

    [Fact]
    public void A_progress_line_shows_users_iterations_and_the_rate_since_the_previous_line()
    {
        var previous = new Dictionary<string, long>();
        var interval = TimeSpan.FromSeconds(5);

        var first = ProgressPrinter.Lines(TimeSpan.FromSeconds(5), [new ScenarioProgress("login", "measured", 12, 40, 100, 0, 0)], previous, interval).Single();
        var second = ProgressPrinter.Lines(TimeSpan.FromSeconds(10), [new ScenarioProgress("login", "measured", 12, 90, 240, 10, 3)], previous, interval).Single();

        Assert.Equal("[     5s] login measured: 12 users (40 started), 100 ok / 0 failed iterations, 20/s", first);
        Assert.Equal("[    10s] login measured: 12 users (90 started), 240 ok / 10 failed iterations, 30/s, 3 dropped", second);
    }
}
