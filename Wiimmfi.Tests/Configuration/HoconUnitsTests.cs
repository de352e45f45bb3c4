using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Tests.Configuration;

/// <summary>HOCON.md "Duration format", "Size in bytes format" and string-to-boolean conversion.</summary>
public class HoconUnitsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("250", 250)]
    [InlineData("1.5s", 1_500)]
    [InlineData(" 30 seconds ", 30_000)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("1 hour", 3_600_000)]
    [InlineData("3 days", 259_200_000)]
    [InlineData("20 millis", 20)]
    [InlineData("5000us", 5)]
    [InlineData("7000000ns", 7)]
    [InlineData("-5s", -5_000)]
    public void Durations_with_every_unit_parse(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), HoconUnits.ParseDuration(text));
    }

    [Fact]
    public void Sub_millisecond_durations_keep_tick_precision()
    {
        Assert.Equal(TimeSpan.FromTicks(15), HoconUnits.ParseDuration("1500ns"));
        Assert.Equal(TimeSpan.FromTicks(10), HoconUnits.ParseDuration("1 microsecond"));
    }

    [Theory]
    [InlineData("30S")]
    [InlineData("5 fortnights")]
    [InlineData("s")]
    [InlineData("")]
    [InlineData("1e30d")]
    public void Unknown_units_upper_case_duration_units_and_overflow_are_refused(string text)
    {
        Assert.False(HoconUnits.TryParseDuration(text, out _, out var problem));
        Assert.Contains(text.Trim().Length == 0 ? "is not a number" : "'", problem);
    }

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("5 bytes", 5L)]
    [InlineData("1B", 1L)]
    [InlineData("1b", 1L)]
    [InlineData("64KiB", 64L * 1024)]
    [InlineData("4MiB", 4L * 1024 * 1024)]
    [InlineData("1K", 1024L)]
    [InlineData("1k", 1024L)]
    [InlineData("1Ki", 1024L)]
    [InlineData("2M", 2L * 1024 * 1024)]
    [InlineData("2m", 2L * 1024 * 1024)]
    [InlineData("1 kibibyte", 1024L)]
    [InlineData("3 mebibytes", 3L * 1024 * 1024)]
    [InlineData("1GiB", 1024L * 1024 * 1024)]
    [InlineData("1TiB", 1024L * 1024 * 1024 * 1024)]
    [InlineData("10kB", 10_000L)]
    [InlineData("1 kilobyte", 1_000L)]
    [InlineData("1MB", 1_000_000L)]
    [InlineData("2 megabytes", 2_000_000L)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1.5KiB", 1536L)]
    [InlineData("1EB", 1_000_000_000_000_000_000L)]
    public void Sizes_with_decimal_and_binary_units_parse(string text, long bytes)
    {
        Assert.Equal(bytes, HoconUnits.ParseBytes(text));
    }

    [Theory]
    [InlineData("8EiB", "too large")]
    [InlineData("1ZB", "too large")]
    [InlineData("1YiB", "too large")]
    [InlineData("-1KiB", "negative")]
    [InlineData("4 MIB", "unknown size unit")]
    [InlineData("4kb", "unknown size unit")]
    public void Sizes_that_overflow_are_negative_or_have_unknown_units_are_refused(string text, string expected)
    {
        Assert.False(HoconUnits.TryParseBytes(text, out _, out var problem));
        Assert.Contains(expected, problem);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Booleans_accept_true_yes_on_and_false_no_off(string text, bool expected)
    {
        Assert.True(HoconUnits.TryParseBoolean(text, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(expected, Hocon.Parse($"flag = {text}").GetBoolean("flag"));
    }

    [Fact]
    public void Typed_getters_read_units_from_the_tree()
    {
        var config = Hocon.Parse("timeout = 30s\nsize = 4MiB\nraw = 250\nflag = off");

        Assert.Equal(TimeSpan.FromSeconds(30), config.GetDuration("timeout"));
        Assert.Equal(4L * 1024 * 1024, config.GetBytes("size"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.GetDuration("raw"));
        Assert.Equal(250, config.GetBytes("raw"));
        Assert.False(config.GetBoolean("flag"));
    }

    [Fact]
    public void A_bad_unit_in_the_tree_names_the_setting_and_its_position()
    {
        var config = Hocon.Parse("a = 1\ntimeout = 30 fortnights");

        var error = Assert.Throws<HoconException>(() => config.GetDuration("timeout"));

        Assert.Contains("test.conf:2:11", error.Message);
        Assert.Contains("timeout", error.Message);
        Assert.Contains("unknown duration unit 'fortnights'", error.Message);
    }
}
