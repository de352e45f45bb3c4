using Wiimmfi.Protocols.Common.GameList;

namespace Wiimmfi.Tests.Protocols.GameList;

public class MsHostNumberTests
{
    public static IEnumerable<object[]> HostnameVectors()
    {
        var vector = FindVector("ms_hostname_number");
        foreach (var property in vector.GetProperty("expected").EnumerateObject())
            yield return [property.Name, property.Value.GetString()!];
    }

    private static System.Text.Json.JsonElement FindVector(string name)
    {
        foreach (var v in MatchmakingVectors.Load("serverbrowser_packets").GetProperty("vectors").EnumerateArray())
        {
            if (v.GetProperty("name").GetString() == name)
                return v;
        }
        throw new InvalidOperationException(name);
    }

    [Theory]
    [MemberData(nameof(HostnameVectors))]
    public void Server_browser_hostname_matches_the_vector(string gameName, string expectedHost)
    {
        Assert.Equal(expectedHost, MsHostNumber.HostName(gameName));
    }

    [Fact]
    public void Hostname_number_ignores_letter_case_as_the_sdk_lower_cases()
    {
        Assert.Equal(MsHostNumber.Compute("mariokartwii"), MsHostNumber.Compute("MarioKartWii"));
        Assert.Equal(19, MsHostNumber.Compute("MARIOKARTWII"));
    }

    [Fact]
    public void Smash_bros_brawl_uses_ms11_as_the_fact_sheet_says()
    {
        Assert.Equal(11, MsHostNumber.Compute("smashbrosxwii"));
    }
}
