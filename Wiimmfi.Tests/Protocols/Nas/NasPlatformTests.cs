using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.Tests.Protocols.Nas;

public class NasPlatformTests
{
    [Fact]
    public void Unit_codes_are_frozen_wire_numbers()
    {
        Assert.Equal(0, (int)NasPlatform.Ds);
        Assert.Equal(1, (int)NasPlatform.Wii);
    }
}
