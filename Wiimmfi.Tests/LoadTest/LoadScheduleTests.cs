using Wiimmfi.LoadTest.Cli;
using Wiimmfi.LoadTest.Engine;

namespace Wiimmfi.Tests.LoadTest;

/// <summary>The pacing logic on a made-up clock: the driver is asked at chosen instants, no time passes.</summary>
public class LoadScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Inject_100_per_second_for_10_seconds_starts_1000_users_even_when_ticks_come_irregularly()
    {
        var driver = new LoadDriver(LoadSchedule.Build([LoadSimulation.Inject(100, Second, S(10))]));
        var random = new Random(3);
        var now = TimeSpan.Zero;
        long started = 0;
        while (true)
        {
            // Ticks 1 to 80 ms apart, as a busy machine would deliver them.
            now += TimeSpan.FromMilliseconds(random.Next(1, 80));
            var tick = driver.Advance(now);
            started += tick.Arrivals;
            if (tick.Finished) break;
            // Never more than one arrival away from the ideal 100 × t.
            var ideal = 100 * now.TotalSeconds;
            Assert.InRange(started, ideal - 1, ideal + 1e-6);
        }
        Assert.Equal(1000, started);
        Assert.Equal(1000, driver.Schedule.TotalArrivals);
    }

    [Fact]
    public void Inject_spreads_arrivals_evenly_over_each_interval()
    {
        var schedule = LoadSchedule.Build([LoadSimulation.Inject(10, Second, S(2))]);

        Assert.Equal(0, schedule.ArrivalsDueBy(S(0.05)));
        Assert.Equal(1, schedule.ArrivalsDueBy(S(0.1)));
        Assert.Equal(5, schedule.ArrivalsDueBy(S(0.5)));
        Assert.Equal(10, schedule.ArrivalsDueBy(S(1)));
        Assert.Equal(20, schedule.ArrivalsDueBy(S(2)));
        Assert.Equal(20, schedule.ArrivalsDueBy(S(60)));
    }

    [Fact]
    public void Inject_per_minute_interval_is_the_same_rate_per_second()
    {
        var schedule = LoadSchedule.Build([LoadSimulation.Inject(600, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2))]);

        Assert.Equal(10, schedule.ArrivalsDueBy(S(60)) / 60);
        Assert.Equal(1200, schedule.TotalArrivals);
    }

    [Fact]
    public void RampingInject_from_zero_to_100_per_second_over_10_seconds_starts_the_area_under_the_ramp()
    {
        var schedule = LoadSchedule.Build([LoadSimulation.RampingInject(100, Second, S(10))]);

        // Rate r(t) = 10·t per second; arrivals by t = 5·t²: 125 by 5 s, 500 by 10 s.
        Assert.Equal(125, schedule.ArrivalsDueBy(S(5)));
        Assert.Equal(500, schedule.TotalArrivals);
    }

    [Fact]
    public void A_ramp_starts_from_the_rate_the_previous_inject_stage_ended_with()
    {
        var schedule = LoadSchedule.Build(
        [
            LoadSimulation.Inject(50, Second, S(2)),
            LoadSimulation.RampingInject(150, Second, S(4)),
            LoadSimulation.RampingInject(0, Second, S(2)),
        ]);

        // 2 s at 50/s = 100; then 50 → 150 over 4 s = 400; then 150 → 0 over 2 s = 150.
        Assert.Equal(100, schedule.ArrivalsDueBy(S(2)));
        Assert.Equal(500, schedule.ArrivalsDueBy(S(6)));
        Assert.Equal(650, schedule.TotalArrivals);
        Assert.Equal(S(8), schedule.Duration);
    }

    [Fact]
    public void Closed_model_stages_give_the_population_at_each_instant_and_nobody_after_the_end()
    {
        var schedule = LoadSchedule.Build(
        [
            LoadSimulation.RampingConstant(10, S(10)),
            LoadSimulation.KeepConstant(10, S(5)),
            LoadSimulation.Pause(S(1)),
            LoadSimulation.RampingConstant(4, S(4)),
        ]);

        Assert.Equal(0, schedule.CopiesAt(S(0)));
        Assert.Equal(5, schedule.CopiesAt(S(5)));
        Assert.Equal(10, schedule.CopiesAt(S(12)));
        Assert.Equal(0, schedule.CopiesAt(S(15.5)));
        Assert.Equal(2, schedule.CopiesAt(S(18)));
        Assert.Equal(0, schedule.CopiesAt(S(20)));
        Assert.Equal(0, schedule.TotalArrivals);
        Assert.Equal(10, schedule.PeakCopies);
    }

    [Fact]
    public void A_ramp_down_continues_from_the_previous_population()
    {
        var schedule = LoadSchedule.Build([LoadSimulation.KeepConstant(8, S(2)), LoadSimulation.RampingConstant(0, S(4))]);

        Assert.Equal(8, schedule.CopiesAt(S(1)));
        Assert.Equal(4, schedule.CopiesAt(S(4)));
    }

    [Fact]
    public void A_warm_up_runs_the_first_part_of_the_same_schedule()
    {
        var schedule = LoadSchedule.Build([LoadSimulation.RampingInject(100, Second, S(10)), LoadSimulation.KeepConstant(5, S(5))]);

        var warmUp = schedule.Truncate(S(5));

        Assert.Equal(S(5), warmUp.Duration);
        Assert.Equal(125, warmUp.TotalArrivals);
        Assert.Equal(0, warmUp.CopiesAt(S(4)));
        Assert.Equal(5, schedule.Truncate(S(12)).CopiesAt(S(11)));
    }

    [Fact]
    public void The_driver_hands_out_every_arrival_left_on_the_first_tick_after_the_end()
    {
        var driver = new LoadDriver(LoadSchedule.Build([LoadSimulation.Inject(40, Second, S(1))]));

        Assert.Equal(10, driver.Advance(S(0.25)).Arrivals);
        var last = driver.Advance(S(5));

        Assert.Equal(30, last.Arrivals);
        Assert.True(last.Finished);
        Assert.Equal(0, driver.Advance(S(6)).Arrivals);
    }

    public static TheoryData<string, LoadSimulation> InvalidSimulations => new()
    {
        { "negative rate", LoadSimulation.Inject(-1, Second, S(10)) },
        { "interval longer than the stage", LoadSimulation.Inject(10, S(5), S(1)) },
        { "zero interval", LoadSimulation.RampingInject(10, TimeSpan.Zero, S(1)) },
        { "zero duration", LoadSimulation.KeepConstant(10, TimeSpan.Zero) },
        { "negative copies", LoadSimulation.RampingConstant(-3, S(1)) },
        { "too many copies", LoadSimulation.KeepConstant(LoadSimulation.MaxCount + 1, S(1)) },
        { "a stage longer than a day", LoadSimulation.Pause(TimeSpan.FromDays(2)) },
    };

    [Theory]
    [MemberData(nameof(InvalidSimulations))]
    public void A_simulation_that_cannot_run_is_refused_with_the_reason(string why, LoadSimulation simulation)
    {
        var e = Assert.Throws<ArgumentException>(() => LoadSchedule.Build([simulation]));
        Assert.Contains(simulation.ToString(), e.Message);
        Assert.NotEmpty(why);
    }

    [Fact]
    public void A_scenario_without_load_is_refused() =>
        Assert.Throws<ArgumentException>(() => LoadSchedule.Build([]));

    [Theory]
    [InlineData("inject 100/s 30s", "inject 100/1s for 30s")]
    [InlineData("inject 6000/1m 2m", "inject 6000/1m for 2m")]
    [InlineData("ramp-inject 200/500ms 10s", "ramp-inject to 200/500ms over 10s")]
    [InlineData("keep 50 1m30s", "keep 50 users for 90s")]
    [InlineData("ramp-keep 0 10s", "ramp-keep to 0 users over 10s")]
    [InlineData("pause 250ms", "pause 250ms")]
    public void Load_stages_are_read_from_the_command_line(string text, string expected) =>
        Assert.Equal(expected, LoadSpec.ParseStage(text).ToString());

    [Theory]
    [InlineData("inject 100 30s ramp")]
    [InlineData("inject 100/s thirty")]
    [InlineData("hold 5 10s")]
    [InlineData("keep -5 10s")]
    [InlineData("")]
    public void A_malformed_load_stage_is_refused_with_the_syntax(string text) =>
        Assert.Throws<FormatException>(() => LoadSpec.ParseStage(text));

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("1m30s", 90)]
    [InlineData("15", 15)]
    [InlineData("0.25", 0.25)]
    public void Durations_are_read_as_people_write_them(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text));

    [Theory]
    [InlineData("-5s")]
    [InlineData("5 fortnights")]
    [InlineData("s")]
    [InlineData("")]
    public void A_malformed_duration_is_refused(string text) =>
        Assert.Throws<FormatException>(() => DurationText.Parse(text));
}
