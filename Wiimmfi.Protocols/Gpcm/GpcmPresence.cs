using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// A console's presence as friends receive it in <c>\bm\100</c>:
/// <c>|s|&lt;status&gt;|ss|&lt;statstring&gt;|ls|&lt;locstring&gt;|ip|&lt;ip&gt;|p|&lt;port&gt;|qm|&lt;quiet&gt;</c>.
/// </summary>
/// <remarks>
/// <para>The status string and location string are forwarded as the console published them, with
/// one change: <c>|</c> is removed from both, since it would let one console forge the
/// <c>|s|</c>/<c>|ip|</c> fields another console reads (neither field legitimately holds <c>|</c>:
/// the status string uses <c>/</c>, the location string is NWC base64). Sending <c>ip</c> 0 and
/// <c>p</c> 0 is what WiiLink does and is proven safe for Mario Kart Wii.</para>
/// <para>Mario Kart Wii overflows a stack buffer on a location string longer than 20 characters
/// (a known remote-code-execution exploit); check <see cref="IsSafeForMarioKartWii"/> before
/// sending someone's presence to an MKW console.</para>
/// </remarks>
/// <param name="Status">The status code (<c>\status\&lt;code&gt;</c>).</param>
/// <param name="StatString">DWC matchmaking keys separated by <c>/</c>; may be empty.</param>
/// <param name="LocString">The game's own status blob (NWC base64); may be empty.</param>
/// <param name="Ip">Public IPv4 as an unsigned big-endian integer, or 0.</param>
/// <param name="Port">Peer port, or 0.</param>
/// <param name="QuietMode">Quiet-mode flags, normally 0.</param>
public sealed record GpcmPresence(DwcStatus Status, string StatString, string LocString, uint Ip = 0, ushort Port = 0, int QuietMode = 0)
{
    /// <summary>Longest location string that may reach an unpatched Mario Kart Wii.</summary>
    public const int MaxMarioKartWiiLocStringLength = 20;

    /// <summary>What friends receive when a console goes offline (WiiLink's text).</summary>
    public const string OfflineText = "|s|0|ss|Offline|ls||ip|0|p|0|qm|0";

    /// <summary>
    /// The stand-in status sent just before relaying a buddy message from a sender the receiver has
    /// never had a status from (DWC drops such messages otherwise).
    /// </summary>
    public const string PlaceholderText = "|s|0|ss||ls||ip|0|p|0|qm|0";

    /// <summary>The offline presence.</summary>
    public static GpcmPresence Offline { get; } = new(DwcStatus.Offline, "Offline", string.Empty);

    /// <summary>True when the location string cannot overflow an unpatched Mario Kart Wii.</summary>
    public bool IsSafeForMarioKartWii => LocString.Length <= MaxMarioKartWiiLocStringLength;

    /// <summary>The status text for <c>\bm\100</c>.</summary>
    public string ToStatusText()
    {
        var text = new StringBuilder(48 + StatString.Length + LocString.Length);
        text.Append("|s|").Append(((int)Status).ToString(CultureInfo.InvariantCulture));
        text.Append("|ss|");
        AppendWithoutBars(text, StatString);
        text.Append("|ls|");
        AppendWithoutBars(text, LocString);
        text.Append("|ip|").Append(Ip.ToString(CultureInfo.InvariantCulture));
        text.Append("|p|").Append(Port.ToString(CultureInfo.InvariantCulture));
        text.Append("|qm|").Append(QuietMode.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Reads status text (console emulator, tests). Unknown keys are skipped; <c>s</c> is required.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out GpcmPresence? presence)
    {
        presence = null;
        if (string.IsNullOrEmpty(text) || text[0] != '|')
        {
            return false;
        }

        var parts = text[1..].Split('|');
        int? status = null;
        string statString = string.Empty, locString = string.Empty;
        uint ip = 0;
        ushort port = 0;
        var quiet = 0;
        for (var i = 0; i + 1 < parts.Length; i += 2)
        {
            var value = parts[i + 1];
            switch (parts[i])
            {
                case "s" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s): status = s; break;
                case "ss": statString = value; break;
                case "ls": locString = value; break;
                case "ip" when uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var a): ip = a; break;
                case "p" when ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p): port = p; break;
                case "qm" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q): quiet = q; break;
            }
        }

        if (status is null)
        {
            return false;
        }

        presence = new GpcmPresence((DwcStatus)status.Value, statString, locString, ip, port, quiet);
        return true;
    }

    private static void AppendWithoutBars(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            if (c != '|')
            {
                text.Append(c);
            }
        }
    }
}
