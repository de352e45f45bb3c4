using Wiimmfi.LoadTest.Engine;

namespace Wiimmfi.Tests.LoadTest;

/// <summary>A part of a mix gets its share of each stage's rate or population, rounded, and never nobody.</summary>
public sealed class LoadSimulationScaleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Rates_and_populations_are_multiplied_by_the_share_and_rounded()
    {
        Assert.Equal(LoadSimulation.Inject(45, Second, Minute), LoadSimulation.Inject(100, Second, Minute).Scale(0.45));
        Assert.Equal(LoadSimulation.RampingInject(13, Second, Minute), LoadSimulation.RampingInject(50, Second, Minute).Scale(0.25));
        Assert.Equal(LoadSimulation.KeepConstant(250, Minute), LoadSimulation.KeepConstant(1000, Minute).Scale(0.25));
        Assert.Equal(LoadSimulation.RampingConstant(7, Minute), LoadSimulation.RampingConstant(10, Minute).Scale(0.65));
    }

    [Fact]
    public void A_small_share_of_a_small_load_still_runs_one_user_and_nobody_stays_nobody()
    {
        Assert.Equal(LoadSimulation.KeepConstant(1, Minute), LoadSimulation.KeepConstant(4, Minute).Scale(0.05));
        Assert.Equal(LoadSimulation.Inject(0, Second, Minute), LoadSimulation.Inject(0, Second, Minute).Scale(0.5));
        Assert.Equal(LoadSimulation.Pause(Minute), LoadSimulation.Pause(Minute).Scale(0.5));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_share_outside_zero_to_one_is_refused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadSimulation.KeepConstant(10, Minute).Scale(share));
}
