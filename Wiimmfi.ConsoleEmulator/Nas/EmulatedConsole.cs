using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.ConsoleEmulator.Nas;

/// <summary>
/// The identity a Wii (or DS) presents to NAS: its MAC address, Wii number, serial, the game's codes
/// and, once <c>acctcreate</c> has given it one, its user id. Immutable; <see cref="CreateWii"/> makes
/// a plausible, unique console.
/// </summary>
/// <param name="Mac">MAC address, 12 lower-case hex digits.</param>
/// <param name="ConsoleFriendCode">The 16-digit Wii number (valid check digits); 0 on DS.</param>
/// <param name="Serial">Wii serial number (<c>csnum</c>).</param>
/// <param name="UserId">The NAS user id, once known.</param>
/// <param name="Gsbrcd">The game's branch code (MKW: <c>RMCJ</c> + 7 characters).</param>
/// <param name="GameCode">The disc's ID4, e.g. <c>RMCE</c>.</param>
/// <param name="InGameName">The in-game name (the Mii name in MKW).</param>
/// <param name="UnitCode">1 Wii, 0 DS.</param>
/// <param name="Region">Region byte.</param>
/// <param name="Language">Language byte.</param>
public sealed record EmulatedConsole(
    string Mac,
    ulong ConsoleFriendCode,
    string Serial,
    ulong? UserId,
    string Gsbrcd,
    string GameCode,
    string InGameName,
    int UnitCode = 1,
    byte Region = 1,
    byte Language = 1)
{
    /// <summary>Mario Kart Wii's gamename at GPCM.</summary>
    public const string MarioKartWii = "mariokartwii";

    /// <summary>A new Wii with random MAC, NG id and branch code, playing <paramref name="gameCode"/> (MKW US by default).</summary>
    public static EmulatedConsole CreateWii(string gameCode = "RMCE", string gsbrcdPrefix = "RMCJ", string inGameName = "Mario")
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        // 0x02 in the first byte: a locally administered unicast address, never a real vendor's.
        var mac = "02" + Convert.ToHexStringLower(random[..5]);
        var ngId = BitConverter.ToUInt32(random[5..9]) | 1;
        var cfc = Protocols.Common.ConsoleFriendCode.Create(new ConsoleIdentity(ngId, 0, 1, 1));
        var serial = "LU" + (BitConverter.ToUInt32(random[6..10]) % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
        var gsbrcd = gsbrcdPrefix + RandomText.Create(7, "0123456789abcdefghijklmnopqrstuv");
        return new EmulatedConsole(mac, cfc, serial, null, gsbrcd, gameCode, inGameName);
    }

    /// <summary>The console's NG (Hollywood) id, from its Wii number.</summary>
    public uint NgId => Protocols.Common.ConsoleFriendCode.TryUnscramble(ConsoleFriendCode, out var identity) ? identity.Value.HollywoodId : 0;

    /// <summary>The <c>acctcreate</c> form: the login field set without gsbrcd, user id and in-game name.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> AcctCreateFields() => Fields("acctcreate", includeLogin: false);

    /// <summary>The <c>login</c> form as Mario Kart Wii sends it (Custom Mario Kart wiki capture).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> LoginFields() => Fields("login", includeLogin: true);

    /// <summary>A <c>svcloc</c> form for service <paramref name="service"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> SvcLocFields(string service, string action = "svcloc")
    {
        var fields = Fields(action, includeLogin: false).ToList();
        fields.Add(Text("svc", service));
        return fields;
    }

    private List<KeyValuePair<string, byte[]>> Fields(string action, bool includeLogin)
    {
        var fields = new List<KeyValuePair<string, byte[]>> { Text("action", action) };
        if (includeLogin)
        {
            fields.Add(Text("gsbrcd", Gsbrcd));
            fields.Add(Text("userid", (UserId ?? 0).ToString(CultureInfo.InvariantCulture)));
            // UTF-16, big-endian on Wii, little-endian on DS (nas.md §2.2).
            fields.Add(new("ingamesn", (UnitCode == 0 ? Encoding.Unicode : Encoding.BigEndianUnicode).GetBytes(InGameName)));
        }

        fields.Add(Text("sdkver", "001000"));
        fields.Add(Text("gamecd", GameCode));
        fields.Add(Text("makercd", "01"));
        fields.Add(Text("unitcd", UnitCode.ToString(CultureInfo.InvariantCulture)));
        fields.Add(Text("macadr", Mac));
        fields.Add(Text("lang", Language.ToString("x2", CultureInfo.InvariantCulture)));
        fields.Add(Text("devtime", DateTime.UtcNow.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture)));
        if (UnitCode != 0)
        {
            fields.Add(Text("csnum", Serial));
            fields.Add(Text("cfc", Protocols.Common.ConsoleFriendCode.Format(ConsoleFriendCode)));
            fields.Add(Text("region", Region.ToString("x2", CultureInfo.InvariantCulture)));
        }
        else if (includeLogin)
        {
            fields.Add(new("devname", Encoding.Unicode.GetBytes(InGameName)));
        }

        return fields;
    }

    private static KeyValuePair<string, byte[]> Text(string key, string value) => new(key, Encoding.Latin1.GetBytes(value));
}
