namespace Wiimmfi.Protocols.NatNeg;

/// <summary>How the console's NAT maps ports (SDK enum <c>NatMappingScheme</c>). Frozen wire numbers.</summary>
public enum NatMappingScheme : uint
{
    Unrecognized = 0,
    PrivateAsPublic = 1,
    ConsistentPort = 2,
    Incremental = 3,
    Mixed = 4,
}
