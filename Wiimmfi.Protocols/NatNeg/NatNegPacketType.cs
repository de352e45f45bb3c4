namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// The NATNEG packet type byte (offset 7). Frozen wire numbers from the GameSpy SDK
/// (<c>nninternal.h</c>); append only.
/// </summary>
public enum NatNegPacketType : byte
{
    Init = 0,
    InitAck = 1,
    ErtTest = 2,
    ErtAck = 3,
    StateUpdate = 4,
    Connect = 5,
    ConnectAck = 6,
    ConnectPing = 7,
    BackupTest = 8,
    BackupAck = 9,
    AddressCheck = 10,
    AddressReply = 11,
    NatifyRequest = 12,
    Report = 13,
    ReportAck = 14,
    PreInit = 15,
    PreInitAck = 16,
}
