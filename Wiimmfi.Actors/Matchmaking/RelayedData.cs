using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Qr2;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>What a client message relayed to a host carries.</summary>
internal enum RelayedDataKind
{
    /// <summary>Neither form: never relayed.</summary>
    Invalid = 0,
    /// <summary>The 10-byte NATNEG cookie message (<c>FD FC 1E 66 6A B2</c> + cookie).</summary>
    NatNegCookie = 1,
    /// <summary>A DWC match command record that passes the header checks.</summary>
    MatchCommand = 2,
}

/// <summary>
/// The checks data must pass before a table relays it to a console (mkw.md §3.7, qr2.md §6.3): a NATNEG cookie,
/// or one match command record whose header is valid (identifier, version 3/11/90, payload size = length − 0x14,
/// multiple of 4, at most 0x80 — oversize records crash unpatched consoles) and whose RESERVATION/RESV_OK
/// payload names the same public address as its header.
/// </summary>
internal static class RelayedData
{
    /// <summary>Classifies <paramref name="data"/>; for a match command, <paramref name="header"/> is its header.</summary>
    public static RelayedDataKind Classify(ReadOnlySpan<byte> data, out MatchCommandHeader header, out string? problem)
    {
        header = default;
        problem = null;
        if (data.Length == Qr2NatNegCookieMessage.Length && Qr2NatNegCookieMessage.TryRead(data, out _))
            return RelayedDataKind.NatNegCookie;
        if (!MatchCommandCodec.TryReadHeader(data, out header, out var error))
        {
            problem = $"neither a NATNEG cookie nor a valid match command ({error})";
            return RelayedDataKind.Invalid;
        }
        var payload = data[MatchCommandCodec.HeaderLength..];
        switch (header.Command)
        {
            case MatchCommandType.Reservation:
                if (!MatchCommandPayloads.TryReadReservation(header.Version, payload, out var reservation, out error))
                {
                    problem = $"RESERVATION payload refused ({error})";
                    return RelayedDataKind.Invalid;
                }
                if (reservation.PublicIp is uint ip && (ip != header.Qr2Ip || reservation.PublicPort != header.Qr2Port))
                {
                    problem = "RESERVATION names another address than its header";
                    return RelayedDataKind.Invalid;
                }
                break;
            case MatchCommandType.ResvOk:
                if (!MatchCommandPayloads.TryReadResvOk(header.Version, payload, out var resvOk, out error))
                {
                    problem = $"RESV_OK payload refused ({error})";
                    return RelayedDataKind.Invalid;
                }
                if (resvOk.PublicIp != header.Qr2Ip || resvOk.PublicPort != header.Qr2Port)
                {
                    problem = "RESV_OK names another address than its header";
                    return RelayedDataKind.Invalid;
                }
                break;
        }
        return RelayedDataKind.MatchCommand;
    }
}
