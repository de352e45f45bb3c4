namespace Wiimmfi.Protocols.NatNeg;

/// <summary>NAT classification a console reports in REPORT (SDK enum <c>NatType</c>). Frozen wire numbers.</summary>
public enum NatType : uint
{
    NoNat = 0,
    FirewallOnly = 1,
    FullCone = 2,
    RestrictedCone = 3,
    PortRestrictedCone = 4,
    Symmetric = 5,
    Unknown = 6,
}
