using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Storage;

public class ConsoleMacTests
{
    [Theory]
    [InlineData("0017ab5c3f01", "0017ab5c3f01")]
    [InlineData("0017AB5C3F01", "0017ab5c3f01")]
    [InlineData("00:17:ab:5c:3f:01", "0017ab5c3f01")]
    [InlineData("00-17-AB-5C-3F-01", "0017ab5c3f01")]
    public void A_MAC_is_kept_as_12_lowercase_hex_digits(string spelled, string canonical)
    {
        Assert.Equal(canonical, ConsoleMac.Normalize(spelled));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0017ab5c3f0")]
    [InlineData("0017ab5c3f011")]
    [InlineData("0017ab5c3g01")]
    [InlineData("00 17 ab 5c 3f 01")]
    [InlineData("00:17:ab:5c:3f:01:00:00")]
    public void Something_that_is_not_a_MAC_is_refused(string text)
    {
        Assert.False(ConsoleMac.TryNormalize(text, out _));
        Assert.Throws<ArgumentException>(() => ConsoleMac.Normalize(text));
    }
}
