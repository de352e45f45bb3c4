namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// The QR2 heartbeat keys Mario Kart Wii reports (the strings are what travels; the registration numbers are for
/// reference: DWC reserves 50–99, the game uses 100+).
/// </summary>
public static class MkwQr2Keys
{
    /// <summary><c>dwc_pid</c> (50): GameSpy profile id of the console's user (decimal u32).</summary>
    public const string ProfileId = "dwc_pid";
    /// <summary><c>dwc_mtype</c> (51): DWC match type, see <see cref="DwcMatchType"/>.</summary>
    public const string MatchType = "dwc_mtype";
    /// <summary><c>dwc_mver</c> (52): DWC matching version — <c>90</c> for MKW.</summary>
    public const string MatchVersion = "dwc_mver";
    /// <summary><c>dwc_eval</c> (53): matchmaking evaluation value.</summary>
    public const string Evaluation = "dwc_eval";
    /// <summary><c>dwc_groupid</c> (54): room (group) id, same as the group id in RESV_OK.</summary>
    public const string GroupId = "dwc_groupid";
    /// <summary><c>dwc_hoststate</c> (55): see <see cref="DwcHostState"/>.</summary>
    public const string HostState = "dwc_hoststate";
    /// <summary><c>dwc_suspend</c> (56): <c>1</c> while the room accepts no newcomers.</summary>
    public const string Suspend = "dwc_suspend";
    /// <summary><c>rk</c> (100): matching region key, see <see cref="MkwRegionKey"/>.</summary>
    public const string RegionKey = "rk";
    /// <summary><c>ev</c> (101): versus rating (VR), 1–9999.</summary>
    public const string VersusRating = "ev";
    /// <summary><c>eb</c> (102): battle rating (BR), 1–9999.</summary>
    public const string BattleRating = "eb";
    /// <summary><c>p</c> (103): meaning unknown, always <c>0</c> in MKW filters.</summary>
    public const string Unknown103 = "p";

    /// <summary>Registration numbers of the keys above (from a public MKW mod that re-registers them).</summary>
    public static IReadOnlyDictionary<string, int> RegistrationIds { get; } = new Dictionary<string, int>
    {
        [ProfileId] = 50, [MatchType] = 51, [MatchVersion] = 52, [Evaluation] = 53, [GroupId] = 54,
        [HostState] = 55, [Suspend] = 56, [RegionKey] = 100, [VersusRating] = 101, [BattleRating] = 102,
        [Unknown103] = 103,
    };

    /// <summary>Lowest and highest rating a console may report in public regions (WiiLink's validation).</summary>
    public const int MinRating = 1, MaxRating = 9999;
}

/// <summary>The <c>dwc_mtype</c> values. Frozen wire values.</summary>
public enum DwcMatchType
{
    /// <summary>0: anybody (worldwide/regional random match).</summary>
    Anybody = 0,
    /// <summary>1: friend-specified peer match.</summary>
    Friends = 1,
    /// <summary>2: server–client, server side (friend-room host).</summary>
    ServerClientHost = 2,
    /// <summary>3: server–client, client side (friend-room guest).</summary>
    ServerClientGuest = 3,
}

/// <summary>The <c>dwc_hoststate</c> values. Frozen wire values.</summary>
public enum DwcHostState
{
    /// <summary>0: not in a room (searching).</summary>
    NotInRoom = 0,
    /// <summary>1: guest (client) in a room.</summary>
    Guest = 1,
    /// <summary>2: host (server) of a room.</summary>
    Host = 2,
}
