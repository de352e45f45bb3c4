namespace Wiimmfi.ConsoleEmulator.NatNeg;

/// <summary>
/// How an emulated console's NAT filters datagrams that come in (loopback has no NAT, so the emulator plays
/// one): the classic cone types the NATNEG NAT test tells apart.
/// </summary>
public enum NatFilter
{
    /// <summary>Full cone: anything reaches the socket.</summary>
    Open,

    /// <summary>Restricted cone: only from IP addresses the socket has sent to.</summary>
    AddressRestricted,

    /// <summary>Port-restricted cone: only from the exact addresses and ports the socket has sent to.</summary>
    PortRestricted,
}
