using Wiimmfi.Actors.Moderation;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Moderation;

/// <summary>Which online consoles a ban catches (the profile itself is matched by id).</summary>
public sealed class ModerationMatchTests
{
    private static readonly SessionIdentity Console = new(1_000_000_001, 5, "n", "RMCJ2leohni", "mariokartwii", "Mario", "0000-0000-0000", 1,
        "::ffff:198.51.100.7", "0211223344aa", 77, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("0211223344aa", null, null, true)]
    [InlineData(null, 77u, null, true)]
    [InlineData(null, null, "198.51.100.7", true)]
    [InlineData("0211223344ab", 78u, "198.51.100.8", false)]
    public void A_ban_catches_a_console_by_MAC_NG_id_or_address(string? mac, uint? ngId, string? ip, bool caught)
    {
        var ban = new BanRecord(1, null, mac, ngId, ip, "r", "admin", DateTimeOffset.UnixEpoch, null, null, null);

        Assert.Equal(caught, ModerationService.Matches(ban, Console));
    }
}
