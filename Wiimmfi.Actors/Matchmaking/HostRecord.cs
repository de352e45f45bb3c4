using System.Text.Json.Serialization;
using System.Globalization;
using Wiimmfi.Protocols.Qr2;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// What a matchmaking table knows about one reporting console (a QR2 "server"): its address and instance key,
/// whether it answered the challenge, and the keys of its latest heartbeat. Immutable; changed only by
/// <see cref="TableState.Apply"/>.
/// </summary>
/// <param name="Address">The observed public address (the host's identity in the table).</param>
/// <param name="InstanceKey">The QR2 instance key the console uses now (echoed in every reply).</param>
/// <param name="Authenticated">True once the console answered the challenge correctly; only then is it listed.</param>
/// <param name="Challenge">The challenge sent and not yet answered; null once authenticated.</param>
/// <param name="Keys">Server keys of the latest heartbeat in wire order, each name once (names are interned per
/// table, so equal names are the same string instance).</param>
/// <param name="Players">The player section, or null when empty (DWC games send none).</param>
/// <param name="Teams">The team section, or null when empty.</param>
public sealed record HostRecord(
    HostAddress Address,
    uint InstanceKey,
    bool Authenticated,
    string? Challenge,
    IReadOnlyList<KeyValuePair<string, string>> Keys,
    HostKeySection? Players,
    HostKeySection? Teams)
{
    /// <summary>The value of a server key, or null when the host did not report it.</summary>
    public string? GetValue(string name)
    {
        var keys = Keys;
        for (int i = 0; i < keys.Count; i++)
        {
            if (string.Equals(keys[i].Key, name, StringComparison.Ordinal))
                return keys[i].Value;
        }
        return null;
    }

    /// <summary>True when the heartbeat asked for NAT negotiation (<c>natneg</c> present and not <c>0</c>).</summary>
    [JsonIgnore] // derived from the keys; snapshots store the record only
    public bool WantsNatNegotiation => GetValue(Qr2KeyNames.NatNeg) is { Length: > 0 } value && value != "0";

    /// <summary>The first private IPv4 (<c>localip0</c>), or 0 when missing or not an address.</summary>
    [JsonIgnore] // derived from the keys; snapshots store the record only
    public uint PrivateIp => GetValue(Qr2KeyNames.LocalIp0) is { } text && HostAddress.TryParseIp(text, out uint ip) ? ip : 0;

    /// <summary>The private port (<c>localport</c>), or 0 when missing or not a port.</summary>
    [JsonIgnore] // derived from the keys; snapshots store the record only
    public ushort PrivatePort =>
        GetValue(Qr2KeyNames.LocalPort) is { } text &&
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) ? port : (ushort)0;
}

/// <summary>A heartbeat's player or team section: key names and one row of values per player/team.</summary>
public sealed record HostKeySection(IReadOnlyList<string> Names, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The section as the codec's table, or null when the codec's table is empty.</summary>
    public static HostKeySection? From(Qr2KeyTable table) =>
        table.KeyNames.Count == 0 && table.Count == 0 ? null : new HostKeySection(table.KeyNames, table.Rows);

    /// <summary>True when both sections hold the same names and values (null = empty).</summary>
    public static bool SameContent(HostKeySection? a, HostKeySection? b)
    {
        if (ReferenceEquals(a, b))
            return true;
        if (a is null || b is null)
            return false;
        if (!SameStrings(a.Names, b.Names) || a.Rows.Count != b.Rows.Count)
            return false;
        for (int i = 0; i < a.Rows.Count; i++)
        {
            if (!SameStrings(a.Rows[i], b.Rows[i]))
                return false;
        }
        return true;
    }

    private static bool SameStrings(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count)
            return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
                return false;
        }
        return true;
    }
}
