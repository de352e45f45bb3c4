using System.Globalization;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Protocols.Common.GameList;
using Wiimmfi.Protocols.Qr2;

namespace Wiimmfi.Tests.Matchmaking;

/// <summary>Mario Kart Wii facts and heartbeats for the matchmaking tests.</summary>
internal static class MkwHosts
{
    public const string Game = "mariokartwii";
    public const string SecretKey = "9r3Rmy";

    /// <summary>The keys Mario Kart Wii reports after the QR2 library keys (qr2.md §3.3).</summary>
    public static List<KeyValuePair<string, string>> Keys(uint pid, string rk = "vs", int ev = 5000, int hostState = 2,
        int suspend = 0, int numPlayers = 1, int matchType = 0, uint groupId = 0)
    {
        static string S(long value) => value.ToString(CultureInfo.InvariantCulture);
        return
        [
            new("dwc_pid", S(pid)), new("dwc_mtype", S(matchType)), new("dwc_mver", "90"), new("dwc_eval", "0"),
            new("dwc_groupid", S(groupId)), new("dwc_hoststate", S(hostState)), new("dwc_suspend", S(suspend)),
            new("rk", rk), new("ev", S(ev)), new("eb", "5000"), new("p", "0"), new("numplayers", S(numPlayers)),
            new("maxplayers", "11"),
        ];
    }

    /// <summary>The public search a console with <paramref name="ownPid"/> sends (serverbrowser.md §7.4).</summary>
    public static string SearchFilter(uint ownPid, string rk = "vs", int evLow = 4250, int evHigh = 5750) =>
        string.Create(CultureInfo.InvariantCulture,
            $"dwc_mver = 90 and dwc_pid != {ownPid} and maxplayers = 11 and numplayers < 11 and dwc_mtype = 0 and dwc_hoststate = 2 and dwc_suspend = 0 and (rk = '{rk}' and ev >= {evLow} and ev <= {evHigh} and p = 0)");

    /// <summary>A heartbeat datagram as a Wii sends it from <paramref name="address"/>.</summary>
    public static byte[] Heartbeat(HostAddress address, uint instanceKey, IEnumerable<KeyValuePair<string, string>> gameKeys,
        Qr2StateChange state = Qr2StateChange.Periodic, string game = Game)
    {
        var keys = new List<KeyValuePair<string, string>>
        {
            new("localip0", "192.168.1.30"),
            new("localport", address.Port.ToString(CultureInfo.InvariantCulture)),
            new("natneg", "1"),
        };
        if (state != Qr2StateChange.Periodic)
            keys.Add(new("statechanged", ((int)state).ToString(CultureInfo.InvariantCulture)));
        keys.Add(new("gamename", game));
        keys.Add(new("publicip", "0"));
        keys.Add(new("publicport", "0"));
        if (state == Qr2StateChange.Shutdown)
            return Qr2ClientPacketWriter.Heartbeat(new Qr2InstanceKey(instanceKey), keys);
        keys.AddRange(gameKeys);
        return Qr2ClientPacketWriter.Heartbeat(new Qr2InstanceKey(instanceKey), keys, Qr2KeyTable.Empty, Qr2KeyTable.Empty);
    }

    /// <summary>A game list with Mario Kart Wii (enabled), Mario Kart DS and a disabled game.</summary>
    public static GameListProvider Games() =>
        GameListProvider.Fixed(GameCatalogParser.Parse(
            "mariokartwii\t1687\t9r3Rmy\t-\t-\tyes\tMario Kart Wii\n" +
            "mariokartds\t1238\tyeJ3x8\t-\t-\tyes\tMario Kart DS\n" +
            "switchedoff\t9999\tAbCdEf\t-\t-\tno\tA disabled game\n").Catalog,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>Text of a disabled-game list file for nodes.</summary>
    public const string GameListFile =
        "# gamename\tgameid\tsecretkey\tgamestats_version\tgamestats_key\tenabled\tdescription\n" +
        "mariokartwii\t1687\t9r3Rmy\t-\t-\tyes\tMario Kart Wii\n" +
        "mariokartds\t1238\tyeJ3x8\t-\t-\tyes\tMario Kart DS\n" +
        "switchedoff\t9999\tAbCdEf\t-\t-\tno\tA disabled game\n";
}
