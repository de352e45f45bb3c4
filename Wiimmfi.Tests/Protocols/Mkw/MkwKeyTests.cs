using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.Tests.Protocols.Mkw;

public class MkwKeyTests
{
    [Theory]
    [InlineData("vs", MkwMatchMode.Versus, null, true)]
    [InlineData("bt", MkwMatchMode.Battle, null, true)]
    [InlineData("vs_0", MkwMatchMode.Versus, 0, true)]
    [InlineData("bt_5", MkwMatchMode.Battle, 5, true)]
    [InlineData("vs_6", MkwMatchMode.Versus, 6, false)]
    [InlineData("vs_123", MkwMatchMode.Versus, 123, false)]
    public void Region_keys_are_parsed_into_mode_and_area(string text, MkwMatchMode mode, int? area, bool retail)
    {
        Assert.True(MkwRegionKey.TryParse(text, out var region));
        Assert.Equal((mode, area, retail), (region.Mode, region.Area, region.IsRetail));
        Assert.Equal(text, region.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("v")]
    [InlineData("xx")]
    [InlineData("vs_")]
    [InlineData("vs_x")]
    [InlineData("vs1")]
    [InlineData("vs_-1")]
    public void Other_region_strings_are_not_mkw_regions(string text)
    {
        Assert.False(MkwRegionKey.TryParse(text, out _));
    }

    [Fact]
    public void Key_names_and_registration_numbers_are_the_ones_mkw_reports()
    {
        Assert.Equal(50, MkwQr2Keys.RegistrationIds[MkwQr2Keys.ProfileId]);
        Assert.Equal(56, MkwQr2Keys.RegistrationIds[MkwQr2Keys.Suspend]);
        Assert.Equal(100, MkwQr2Keys.RegistrationIds["rk"]);
        Assert.Equal(103, MkwQr2Keys.RegistrationIds["p"]);
        Assert.Equal(2, (int)DwcHostState.Host);
        Assert.Equal(3, (int)DwcMatchType.ServerClientGuest);
    }
}
