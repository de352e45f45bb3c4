using System.Globalization;

namespace Wiimmfi.LoadTest.Scenarios.Matchmaking;

/// <summary>
/// What an emulated Mario Kart Wii console reports over QR2 and how it searches, with a mix of states drawn from a
/// seeded generator so a table of thousands of hosts looks like a busy evening: most hosts are worldwide versus
/// rooms (<c>rk = 'vs'</c>), some regional or battle; a third are racing (<c>dwc_suspend = 1</c>); ratings spread
/// around 5000; rooms of every size. The keys and the filter are the ones of the fact sheets (qr2.md §3.3,
/// serverbrowser.md §7.4).
/// </summary>
public sealed record MkwHostKeys(uint ProfileId, string RegionKey, int Rating, int HostState, int Suspend, int Players)
{
    public const string GameName = "mariokartwii";

    /// <summary>Mario Kart Wii's secret key (game list): challenges are answered and lists decrypted with it.</summary>
    public const string SecretKey = "9r3Rmy";

    /// <summary>The room size of a Mario Kart Wii versus or battle room.</summary>
    public const int MaxPlayers = 11;

    /// <summary>Results a DWC search asks for.</summary>
    public const int SearchResults = 6;

    /// <summary>The fields a DWC search asks for, in the SDK's order.</summary>
    public static IReadOnlyList<string> SearchFields { get; } =
        ["dwc_pid", "dwc_mtype", "dwc_hoststate", "dwc_suspend", "rk", "ev", "numplayers", "maxplayers"];

    /// <summary>How far a search looks around the searcher's own rating (the game's ±750 window).</summary>
    public const int RatingWindow = 750;

    /// <summary>A host's state, drawn from <paramref name="random"/>: the mix described on the type.</summary>
    public static MkwHostKeys Draw(uint profileId, Random random)
    {
        var region = random.Next(100) switch
        {
            < 70 => "vs",
            < 85 => "vs_" + random.Next(6).ToString(CultureInfo.InvariantCulture),
            _ => "bt",
        };
        // Ratings cluster around 5000 (sum of three uniforms: a cheap bell shape), within the game's 1-9999.
        var rating = Math.Clamp(2000 + random.Next(2001) + random.Next(2001) + random.Next(2001), 1, 9999);
        var hostState = random.Next(100) switch { < 60 => 2, < 90 => 0, _ => 1 };
        var suspend = random.Next(100) < 30 ? 1 : 0;
        var players = 1 + random.Next(MaxPlayers);
        return new MkwHostKeys(profileId, region, rating, hostState, suspend, players);
    }

    /// <summary>True when this host could be listed by some typical search (all of it but the rating window).</summary>
    public bool IsOpenVersusRoom(int players) => RegionKey == "vs" && HostState == 2 && Suspend == 0 && players < MaxPlayers;

    /// <summary>The game keys after the QR2 library keys, with <paramref name="players"/> as <c>numplayers</c>.</summary>
    public List<KeyValuePair<string, string>> GameKeys(int players) =>
    [
        new("dwc_pid", Text(ProfileId)), new("dwc_mtype", "0"), new("dwc_mver", "90"), new("dwc_eval", "0"),
        new("dwc_groupid", "0"), new("dwc_hoststate", Text(HostState)), new("dwc_suspend", Text(Suspend)),
        new("rk", RegionKey), new("ev", Text(Rating)), new("eb", "5000"), new("p", "0"),
        new("numplayers", Text(players)), new("maxplayers", Text(MaxPlayers)),
    ];

    /// <summary>
    /// The public versus search of a console with <paramref name="ownProfileId"/> and <paramref name="ownRating"/>
    /// (serverbrowser.md §7.4, matching version 90).
    /// </summary>
    public static string SearchFilter(uint ownProfileId, int ownRating) => string.Create(CultureInfo.InvariantCulture,
        $"dwc_mver = 90 and dwc_pid != {ownProfileId} and maxplayers = {MaxPlayers} and numplayers < {MaxPlayers} and dwc_mtype = 0 and dwc_hoststate = 2 and dwc_suspend = 0 and (rk = 'vs' and ev >= {ownRating - RatingWindow} and ev <= {ownRating + RatingWindow} and p = 0)");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
