using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wiimmfi.Host.Configuration;

namespace Wiimmfi.Tests.Configuration;

/// <summary>Options binding understands HOCON durations, sizes and booleans without extra steps.</summary>
public class HoconBindingTests
{
    public sealed record TimingOptions
    {
        [ConfigurationKeyName("ask-timeout")]
        public TimeSpan AskTimeout { get; init; }

        [ConfigurationKeyName("reply-delay")]
        public TimeSpan ReplyDelay { get; init; }

        public TimeSpan? Optional { get; init; }

        public TimeSpan Classic { get; init; }

        public TimeSpan Forever { get; init; }

        [ConfigurationKeyName("max-message-size")]
        public ByteSize MaxMessageSize { get; init; }

        public ByteSize Plain { get; init; }

        public bool Enabled { get; init; }

        public bool Maintenance { get; init; } = true;

        public List<string> Seeds { get; init; } = [];
    }

    private static IConfiguration Load(string text)
    {
        var folder = new TempConfigFolder();
        var path = folder.Write("options.conf", text);
        var configuration = new ConfigurationBuilder().AddHoconFile(path).Build();
        folder.Dispose();
        return configuration;
    }

    private const string Text = """
        timing {
          ask-timeout = 30s
          reply-delay = 500ms
          optional = 2m
          classic = "00:01:30"
          forever = infinite
          max-message-size = 4MiB
          plain = 512
          enabled = on
          maintenance = no
          seeds = [ "a:4053", "b:4053" ]
        }
        """;

    private static void AssertBound(TimingOptions options)
    {
        Assert.Equal(TimeSpan.FromSeconds(30), options.AskTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ReplyDelay);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Optional);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Classic);
        Assert.Equal(Timeout.InfiniteTimeSpan, options.Forever);
        Assert.Equal(new ByteSize(4 * 1024 * 1024), options.MaxMessageSize);
        Assert.Equal(new ByteSize(512), options.Plain);
        Assert.True(options.Enabled);
        Assert.False(options.Maintenance);
        Assert.Equal(["a:4053", "b:4053"], options.Seeds);
    }

    [Fact]
    public void Section_get_binds_durations_sizes_and_on_off_booleans()
    {
        AssertBound(Load(Text).GetSection("timing").Get<TimingOptions>()!);
    }

    [Fact]
    public void Services_configure_binds_the_same_way()
    {
        var services = new ServiceCollection();
        services.Configure<TimingOptions>(Load(Text).GetSection("timing"));

        using var provider = services.BuildServiceProvider();

        AssertBound(provider.GetRequiredService<IOptions<TimingOptions>>().Value);
    }

    [Fact]
    public void A_bad_duration_names_the_key_and_the_accepted_units()
    {
        var configuration = Load("timing.ask-timeout = 30 fortnights");

        var error = Assert.Throws<InvalidOperationException>(() => configuration.GetSection("timing").Get<TimingOptions>());

        Assert.Contains("timing:ask-timeout", error.Message);
        Assert.Contains("unknown duration unit 'fortnights'", error.InnerException!.Message);
    }

    [Fact]
    public void A_bad_size_names_the_key()
    {
        var configuration = Load("timing.max-message-size = 4 MIB");

        var error = Assert.Throws<InvalidOperationException>(() => configuration.GetSection("timing").Get<TimingOptions>());

        Assert.Contains("timing:max-message-size", error.Message);
    }

    [Fact]
    public void Byte_sizes_print_in_the_largest_exact_binary_unit()
    {
        Assert.Equal("16KiB", ByteSize.FromKibibytes(16).ToString());
        Assert.Equal("4MiB", ByteSize.Parse("4MiB").ToString());
        Assert.Equal("1000", new ByteSize(1000).ToString());
    }
}
