namespace Wiimmfi.Protocols.Gpcm;

/// <summary>The type in <c>\bm\&lt;type&gt;</c> (GP SDK GPI_BM_*). Frozen wire numbers.</summary>
public enum GpBuddyMessageType
{
    /// <summary>Text message; DWC match commands ride here.</summary>
    Message = 1,
    /// <summary>Add request (server → client), reason + <c>|signed|&lt;hex&gt;</c>.</summary>
    Request = 2,
    /// <summary>Reply (backend only).</summary>
    Reply = 3,
    /// <summary>"You were authorised" notice (server → client), empty text.</summary>
    Auth = 4,
    /// <summary>Under-the-table message.</summary>
    Utm = 5,
    /// <summary>Revoke notice (server → client).</summary>
    Revoke = 6,
    /// <summary>Presence (server → client): <c>|s|…|ss|…|ls|…</c>.</summary>
    Status = 100,
    /// <summary>Game invite.</summary>
    Invite = 101,
    /// <summary>Ping.</summary>
    Ping = 102,
    /// <summary>Pong.</summary>
    Pong = 103,
    /// <summary>Keys request.</summary>
    KeysRequest = 104,
    /// <summary>Keys reply.</summary>
    KeysReply = 105,
    /// <summary>File transfer: send request (200–208 are the file-transfer family, unused by DWC).</summary>
    FileSendRequest = 200,
    /// <summary>File transfer: send reply.</summary>
    FileSendReply = 201,
    /// <summary>File transfer: begin.</summary>
    FileBegin = 202,
    /// <summary>File transfer: end.</summary>
    FileEnd = 203,
    /// <summary>File transfer: data.</summary>
    FileData = 204,
    /// <summary>File transfer: skip.</summary>
    FileSkip = 205,
    /// <summary>File transfer: transfer throttle.</summary>
    FileTransferThrottle = 206,
    /// <summary>File transfer: cancel.</summary>
    FileTransferCancel = 207,
    /// <summary>File transfer: keepalive.</summary>
    FileTransferKeepalive = 208,
}
