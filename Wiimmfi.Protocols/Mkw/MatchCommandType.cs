namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// DWC match command codes (byte 8 of the record). Codes 0x01–0x41 are NitroDWC's, the names of 0x52–0x83 come
/// from WiiLink. Frozen wire numbers: append only.
/// </summary>
public enum MatchCommandType : byte
{
    /// <summary>Ask a host for a slot.</summary>
    Reservation = 0x01,
    /// <summary>Host accepts; tells the room layout (group id, aids).</summary>
    ResvOk = 0x02,
    /// <summary>Host refuses (optional reason, see <see cref="ResvDenyReason"/>).</summary>
    ResvDeny = 0x03,
    /// <summary>Host busy, retry later.</summary>
    ResvWait = 0x04,
    /// <summary>Withdraw a reservation.</summary>
    ResvCancel = 0x05,
    /// <summary>"We share a LAN, skip NATNEG": the sender's private address.</summary>
    TellAddr = 0x06,
    /// <summary>Host tells members about a newcomer.</summary>
    NewPidAid = 0x07,
    /// <summary>Host asks two clients to connect to each other.</summary>
    LinkClsReq = 0x08,
    /// <summary>Clients report that their link is up.</summary>
    LinkClsSuc = 0x09,
    /// <summary>An established connection was closed.</summary>
    CloseLink = 0x0A,
    /// <summary>Priority reservation.</summary>
    ResvPrior = 0x0B,
    /// <summary>Cancel matchmaking.</summary>
    Cancel = 0x0C,
    /// <summary>Three-way cancel synchronisation, step 1.</summary>
    CancelSyn = 0x0D,
    /// <summary>Three-way cancel synchronisation, step 2.</summary>
    CancelSynAck = 0x0E,
    /// <summary>Three-way cancel synchronisation, step 3.</summary>
    CancelAck = 0x0F,
    /// <summary>Server–client: a client dropped unexpectedly (list of profile ids).</summary>
    ScCloseCl = 0x10,
    /// <summary>"Minimum players" option: timeout poll.</summary>
    PollTimeout = 0x11,
    /// <summary>Answer to the poll.</summary>
    PollToAck = 0x12,
    /// <summary>Reservation refused because the server blocks new connections.</summary>
    ScConnBlock = 0x13,
    /// <summary>Host accepts a newcomer in friend-limited matchmaking.</summary>
    FriendAccept = 0x20,
    /// <summary>Waiting client polls the host.</summary>
    ClWaitPoll = 0x40,
    /// <summary>Host keep-alive in answer to that poll.</summary>
    SvKaToCl = 0x41,
    /// <summary>Host-down handling: query.</summary>
    SvDownQuery = 0x52,
    /// <summary>Host-down handling: acknowledged.</summary>
    SvDownAck = 0x53,
    /// <summary>Host-down handling: refused.</summary>
    SvDownNak = 0x54,
    /// <summary>Host-down handling: keep.</summary>
    SvDownKeep = 0x55,
    /// <summary>Open/close the room for newcomers.</summary>
    SuspendMatch = 0x82,
    /// <summary>Client aid usage.</summary>
    ClientAidUsage = 0x83,
    /// <summary>Dummy.</summary>
    Dummy = 0xFF,
}

/// <summary>RESV_DENY reasons (u32 LE; absent = unspecified). Frozen wire values.</summary>
public enum ResvDenyReason : uint
{
    /// <summary>No reason given.</summary>
    Unspecified = 0x00,
    /// <summary>The room is full.</summary>
    RoomFull = 0x10,
    /// <summary>The room is already closed.</summary>
    RoomClosed = 0x11,
    /// <summary>A condition is not satisfied.</summary>
    ConditionNotSatisfied = 0x12,
    /// <summary>The room is locked.</summary>
    RoomLocked = 0x13,
    /// <summary>The reservation was sent to a client, not a host.</summary>
    NotAHost = 0x14,
    /// <summary>Reservation to a friend who is not in the list.</summary>
    FriendNotInList = 0x15,
    /// <summary>Rejected by the game's attempt callback.</summary>
    RejectedByGame = 0x16,
    /// <summary>The reservation came from a different host.</summary>
    DifferentHost = 0x17,
    /// <summary>Illegal mesh reservation.</summary>
    IllegalMesh = 0x18,
}

/// <summary>Which DWC wrote the record: the identifier bytes differ.</summary>
public enum MatchCommandPlatform
{
    /// <summary>RVL DWC (Wii): identifier <c>BB 49 CC 4D</c>.</summary>
    Wii = 0,
    /// <summary>NitroDWC (DS): identifier ASCII <c>SBCM</c>.</summary>
    Ds = 1,
}
