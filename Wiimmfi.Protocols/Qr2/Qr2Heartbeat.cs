namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// 0x03: a console's heartbeat — its server keys (library keys such as <c>localip0</c>, <c>localport</c>,
/// <c>natneg</c>, <c>statechanged</c>, <c>gamename</c>, <c>publicip</c>, <c>publicport</c>, then the game's keys
/// such as <c>dwc_pid</c>, <c>rk</c>, <c>ev</c>) and its player and team sections.
/// </summary>
/// <param name="InstanceKey">The console's QR2 instance key.</param>
/// <param name="ServerKeys">Server keys in wire order, each name once. Keys starting with <c>+</c> (reserved
/// for the server's own bookkeeping) and repeated names (the first wins) are left out and counted in
/// <paramref name="IgnoredKeyCount"/>.</param>
/// <param name="Players">The player section.</param>
/// <param name="Teams">The team section.</param>
/// <param name="IgnoredKeyCount">How many client keys were dropped (reserved prefix or duplicate name).</param>
public sealed record Qr2Heartbeat(
    Qr2InstanceKey InstanceKey,
    IReadOnlyList<KeyValuePair<string, string>> ServerKeys,
    Qr2KeyTable Players,
    Qr2KeyTable Teams,
    int IgnoredKeyCount) : Qr2ClientPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.Heartbeat;

    /// <summary>Why the console sent this heartbeat (<c>statechanged</c>).</summary>
    public Qr2StateChange StateChanged => GetValue(Qr2KeyNames.StateChanged) switch
    {
        "1" => Qr2StateChange.Changed,
        "2" => Qr2StateChange.Shutdown,
        "3" => Qr2StateChange.Initial,
        _ => Qr2StateChange.Periodic,
    };

    /// <summary>The <c>gamename</c> key, or null when the console left it out.</summary>
    public string? GameName => GetValue(Qr2KeyNames.GameName);

    /// <summary>The value of a server key, or null when absent.</summary>
    public string? GetValue(string key)
    {
        foreach (var pair in ServerKeys)
        {
            if (pair.Key == key)
                return pair.Value;
        }
        return null;
    }
}
