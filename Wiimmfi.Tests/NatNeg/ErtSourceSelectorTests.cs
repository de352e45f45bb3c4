using System.Net;
using Wiimmfi.Actors.Frontends.NatNeg;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>Which socket answers a console's NAT probe, for the socket layouts an operator can configure.</summary>
public sealed class ErtSourceSelectorTests
{
    private static IPEndPoint[] Sockets(params string[] endpoints) => [.. endpoints.Select(IPEndPoint.Parse)];

    [Fact]
    public void The_solicited_probe_is_answered_by_the_socket_it_reached()
    {
        var sockets = Sockets("10.0.0.1:27901", "10.0.0.2:27901", "10.0.0.3:27901");

        Assert.Equal(0, ErtSourceSelector.Choose(sockets, 0, NatNegPortType.Nn1));
        Assert.Equal(1, ErtSourceSelector.Choose(sockets, 1, NatNegPortType.Nn1));
    }

    [Fact]
    public void With_three_addresses_the_ip_test_comes_from_the_third_which_the_console_never_wrote_to()
    {
        var sockets = Sockets("10.0.0.1:27901", "10.0.0.2:27901", "10.0.0.3:27901");

        Assert.Equal(2, ErtSourceSelector.Choose(sockets, 0, NatNegPortType.Nn2));
    }

    [Fact]
    public void With_three_addresses_the_port_test_comes_from_the_third_address_erring_towards_more_restricted()
    {
        var sockets = Sockets("10.0.0.1:27901", "10.0.0.2:27901", "10.0.0.3:27901");

        Assert.Equal(2, ErtSourceSelector.Choose(sockets, 1, NatNegPortType.Nn3));
    }

    [Fact]
    public void A_third_socket_on_natneg1s_address_answers_the_port_test_exactly_and_the_ip_test_stays_unanswered()
    {
        var sockets = Sockets("10.0.0.1:27901", "10.0.0.2:27901", "10.0.0.1:27902");

        Assert.Equal(2, ErtSourceSelector.Choose(sockets, 1, NatNegPortType.Nn3));
        Assert.Equal(ErtSourceSelector.Unanswerable, ErtSourceSelector.Choose(sockets, 0, NatNegPortType.Nn2));
    }

    [Fact]
    public void A_single_socket_answers_neither_unsolicited_test_because_any_answer_would_flatter_the_nat()
    {
        var sockets = Sockets("10.0.0.1:27901");

        Assert.Equal(ErtSourceSelector.Unanswerable, ErtSourceSelector.Choose(sockets, 0, NatNegPortType.Nn2));
        Assert.Equal(ErtSourceSelector.Unanswerable, ErtSourceSelector.Choose(sockets, 0, NatNegPortType.Nn3));
        Assert.Equal(0, ErtSourceSelector.Choose(sockets, 0, NatNegPortType.Nn1));
    }

    [Fact]
    public void Two_sockets_never_answer_from_a_socket_the_console_has_written_to()
    {
        var sockets = Sockets("10.0.0.1:27901", "10.0.0.2:27901");

        Assert.Equal(ErtSourceSelector.Unanswerable, ErtSourceSelector.Choose(sockets, 0, NatNegPortType.Nn2));
        Assert.Equal(ErtSourceSelector.Unanswerable, ErtSourceSelector.Choose(sockets, 1, NatNegPortType.Nn3));
    }

    [Fact]
    public void Wildcard_binds_share_one_source_address_so_only_the_port_test_can_be_answered()
    {
        var sockets = Sockets("0.0.0.0:27901", "0.0.0.0:27902", "0.0.0.0:27903");

        Assert.Equal(ErtSourceSelector.Unanswerable, ErtSourceSelector.Choose(sockets, 0, NatNegPortType.Nn2));
        Assert.Equal(2, ErtSourceSelector.Choose(sockets, 1, NatNegPortType.Nn3));
    }

    [Fact]
    public void A_wildcard_bind_is_never_taken_for_a_different_address()
    {
        var sockets = Sockets("10.0.0.1:27901", "10.0.0.2:27901", "0.0.0.0:27903");

        Assert.Equal(ErtSourceSelector.Unanswerable, ErtSourceSelector.Choose(sockets, 0, NatNegPortType.Nn2));
        Assert.Equal(ErtSourceSelector.Unanswerable, ErtSourceSelector.Choose(sockets, 1, NatNegPortType.Nn3));
    }
}
