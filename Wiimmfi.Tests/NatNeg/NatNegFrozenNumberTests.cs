using Wiimmfi.Actors.Frontends.NatNeg;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>
/// Numbers and names NATNEG stores, sends between nodes or exports as metric labels. Append only: if one of
/// these fails, a shipped value was changed — add a new one instead.
/// </summary>
public sealed class NatNegFrozenNumberTests
{
    [Fact]
    public void Negotiation_phases_and_close_reasons_keep_their_numbers()
    {
        Assert.Equal([0, 1, 2, 3, 4], Enum.GetValues<NatNegPhase>().Select(v => (int)v));
        Assert.Equal(["New", "Collecting", "Connecting", "Connected", "Closed"], Enum.GetNames<NatNegPhase>());
        Assert.Equal([0, 1], Enum.GetValues<NatNegCloseReason>().Select(v => (int)v));
        Assert.Equal(["Completed", "TimedOut"], Enum.GetNames<NatNegCloseReason>());
    }

    [Fact]
    public void Ignored_packet_reasons_keep_their_numbers()
    {
        Assert.Equal(
            ["NotForServer", "StateUpdate", "ClientIndexOutOfRange", "VersionMismatch", "GameNameMismatch", "NoNegotiation", "NegotiationClosed", "NotIpv4", "OutOfOrder"],
            Enum.GetValues<NatNegIgnoredReason>().OrderBy(v => (int)v).Select(v => v.ToString()));
        Assert.Equal(Enumerable.Range(0, 9), Enum.GetValues<NatNegIgnoredReason>().Select(v => (int)v));
    }

    [Fact]
    public void NATNEG_wire_names_are_frozen()
    {
        var names = WireTypeRegistry.Default.Types
            .Where(kv => kv.Value.Namespace is "Wiimmfi.Actors.NatNeg" or "Wiimmfi.Actors.Frontends.NatNeg")
            .ToDictionary(kv => kv.Key, kv => kv.Value.Name);

        Assert.Equal(new Dictionary<string, string>
        {
            ["natneg.init-received"] = nameof(NatNegInitReceived),
            ["natneg.connect-ack-received"] = nameof(NatNegConnectAckReceived),
            ["natneg.report-received"] = nameof(NatNegReportReceived),
            ["natneg.preinit-received"] = nameof(NatNegPreInitReceived),
            ["natneg.send"] = nameof(NatNegSend),
            ["natneg.event.opened"] = nameof(NatNegOpened),
            ["natneg.event.init-recorded"] = nameof(NatNegInitRecorded),
            ["natneg.event.preinit-recorded"] = nameof(NatNegPreInitRecorded),
            ["natneg.event.connects-sent"] = nameof(NatNegConnectsSent),
            ["natneg.event.connect-acknowledged"] = nameof(NatNegConnectAcknowledged),
            ["natneg.event.connected"] = nameof(NatNegConnected),
            ["natneg.event.report-recorded"] = nameof(NatNegReportRecorded),
            ["natneg.event.closed"] = nameof(NatNegClosed),
        }, names);
    }

    [Fact]
    public void Metric_labels_of_ignored_packets_are_snake_case_reason_names()
    {
        var metrics = new NatNegMetrics();
        metrics.Ignored(NatNegIgnoredReason.ClientIndexOutOfRange);
        metrics.Malformed(Wiimmfi.Protocols.NatNeg.NatNegRejectReason.BadMagic);

        Assert.Equal(1, metrics.IgnoredByReason["client_index_out_of_range"]);
        Assert.Equal(1, metrics.MalformedByReason["bad_magic"]);
    }
}
