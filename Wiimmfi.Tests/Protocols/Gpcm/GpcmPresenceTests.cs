using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.Tests.Protocols.Gpcm;

public class GpcmPresenceTests
{
    [Fact]
    public void Status_text_has_every_field_in_order()
    {
        var presence = new GpcmPresence(DwcStatus.MatchServerClientServer, "VER=90/SCM=12/SCN=1", "AAAAAQ**");

        Assert.Equal("|s|6|ss|VER=90/SCM=12/SCN=1|ls|AAAAAQ**|ip|0|p|0|qm|0", presence.ToStatusText());
    }

    [Fact]
    public void A_console_cannot_forge_fields_of_its_status_with_bars()
    {
        var presence = new GpcmPresence(DwcStatus.Online, "x|s|6", "AA|ip|1");

        var text = presence.ToStatusText();

        Assert.Equal("|s|1|ss|xs6|ls|AAip1|ip|0|p|0|qm|0", text);
        Assert.True(GpcmPresence.TryParse(text, out var parsed));
        Assert.Equal(DwcStatus.Online, parsed.Status);
    }

    [Fact]
    public void Status_text_parses_back()
    {
        var presence = new GpcmPresence(DwcStatus.Playing, "a/b", "QUJD", 0x7F000001, 27900, 1);

        Assert.True(GpcmPresence.TryParse(presence.ToStatusText(), out var parsed));

        Assert.Equal(presence, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s|1")]
    [InlineData("|ss|x|ls|y")]
    [InlineData("|s|x")]
    public void Text_without_a_status_code_is_not_a_presence(string? text)
    {
        Assert.False(GpcmPresence.TryParse(text, out _));
    }

    [Fact]
    public void Offline_and_placeholder_texts_are_the_references_texts()
    {
        Assert.Equal("|s|0|ss|Offline|ls||ip|0|p|0|qm|0", GpcmPresence.Offline.ToStatusText());
        Assert.Equal(GpcmPresence.OfflineText, GpcmPresence.Offline.ToStatusText());
        Assert.Equal("|s|0|ss||ls||ip|0|p|0|qm|0", new GpcmPresence(DwcStatus.Offline, "", "").ToStatusText());
    }

    [Fact]
    public void A_location_string_over_20_characters_is_not_safe_for_unpatched_Mario_Kart_Wii()
    {
        Assert.True(new GpcmPresence(DwcStatus.Online, "", new string('A', 20)).IsSafeForMarioKartWii);
        Assert.False(new GpcmPresence(DwcStatus.Online, "", new string('A', 21)).IsSafeForMarioKartWii);
    }
}
