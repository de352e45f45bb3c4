namespace Wiimmfi.Protocols.Common;

/// <summary>
/// GameSpy Presence error codes, sent in <c>\error\\err\&lt;code&gt;</c> by GPCM and GPSP.
/// Frozen wire numbers: append only, never renumber.
/// </summary>
public enum GpErrorCode
{
    /// <summary>Unknown error (fatal).</summary>
    General = 0x000,
    /// <summary>A request could not be parsed (fatal).</summary>
    Parse = 0x001,
    /// <summary>The request needs a logged-in session (fatal).</summary>
    NotLoggedIn = 0x002,
    /// <summary>The session key is wrong (fatal).</summary>
    BadSessionKey = 0x003,
    /// <summary>Database failure (fatal).</summary>
    Database = 0x004,
    /// <summary>Network socket failure (fatal).</summary>
    Network = 0x005,
    /// <summary>The profile logged in elsewhere (fatal).</summary>
    ForcedDisconnect = 0x006,
    /// <summary>The server closed the connection; WiiLink uses it for kicks (fatal).</summary>
    ConnectionClosed = 0x007,
    /// <summary>UDP layer problem (fatal).</summary>
    UdpLayer = 0x008,

    /// <summary>Login failed (fatal).</summary>
    Login = 0x100,
    /// <summary>Login timed out.</summary>
    LoginTimeout = 0x101,
    /// <summary>Bad nick.</summary>
    LoginBadNick = 0x102,
    /// <summary>Bad e-mail.</summary>
    LoginBadEmail = 0x103,
    /// <summary>Bad password.</summary>
    LoginBadPassword = 0x104,
    /// <summary>Bad profile.</summary>
    LoginBadProfile = 0x105,
    /// <summary>Profile deleted.</summary>
    LoginProfileDeleted = 0x106,
    /// <summary>Connection to the backend failed.</summary>
    LoginConnectionFailed = 0x107,
    /// <summary>Server authentication failed.</summary>
    LoginServerAuthFailed = 0x108,
    /// <summary>Bad unique nick.</summary>
    LoginBadUniqueNick = 0x109,
    /// <summary>The pre-authentication (NAS token) is not valid.</summary>
    LoginBadPreAuth = 0x10A,
    /// <summary>The login ticket is not valid.</summary>
    LoginTicketInvalid = 0x10B,
    /// <summary>The login ticket (NAS token) has expired.</summary>
    LoginTicketExpired = 0x10C,

    /// <summary>New user failed.</summary>
    NewUser = 0x200,
    /// <summary>New user: bad nick.</summary>
    NewUserBadNick = 0x201,
    /// <summary>New user: bad password.</summary>
    NewUserBadPassword = 0x202,
    /// <summary>New user: unique nick invalid.</summary>
    NewUserUniqueNickInvalid = 0x203,
    /// <summary>New user: unique nick in use.</summary>
    NewUserUniqueNickInUse = 0x204,

    /// <summary>Update user info failed.</summary>
    UpdateUi = 0x300,
    /// <summary>Update user info: bad e-mail.</summary>
    UpdateUiBadEmail = 0x301,

    /// <summary>New profile failed.</summary>
    NewProfile = 0x400,
    /// <summary>New profile: bad nick.</summary>
    NewProfileBadNick = 0x401,
    /// <summary>New profile: bad old nick.</summary>
    NewProfileBadOldNick = 0x402,

    /// <summary>Update profile failed.</summary>
    UpdatePro = 0x500,
    /// <summary>Update profile: bad nick.</summary>
    UpdateProBadNick = 0x501,

    /// <summary>Add buddy failed.</summary>
    AddBuddy = 0x600,
    /// <summary>Add buddy: bad "from" profile.</summary>
    AddBuddyBadFrom = 0x601,
    /// <summary>Add buddy: bad new profile id (also: adding yourself, WiiLink).</summary>
    AddBuddyBadNew = 0x602,
    /// <summary>Add buddy: already a buddy.</summary>
    AddBuddyAlreadyBuddy = 0x603,
    /// <summary>Add buddy: you are on their block list.</summary>
    AddBuddyIsOnBlockList = 0x604,
    /// <summary>Add buddy: you are blocking them.</summary>
    AddBuddyIsBlocking = 0x605,

    /// <summary>Authorise add failed.</summary>
    AuthAdd = 0x700,
    /// <summary>Authorise add: bad "from" profile (not mutually added).</summary>
    AuthAddBadFrom = 0x701,
    /// <summary>Authorise add: bad signature.</summary>
    AuthAddBadSig = 0x702,
    /// <summary>Authorise add: on block list.</summary>
    AuthAddIsOnBlockList = 0x703,
    /// <summary>Authorise add: blocking.</summary>
    AuthAddIsBlocking = 0x704,

    /// <summary>Status update failed.</summary>
    Status = 0x800,

    /// <summary>Buddy message failed (bad target, bad or refused match command).</summary>
    BuddyMessage = 0x900,
    /// <summary>Buddy message: the target is not a buddy.</summary>
    BuddyMessageNotBuddy = 0x901,
    /// <summary>Buddy message: extended info not supported.</summary>
    BuddyMessageExtInfoNotSupported = 0x902,
    /// <summary>Buddy message: the buddy is offline.</summary>
    BuddyMessageBuddyOffline = 0x903,

    /// <summary>Get profile failed (bad profile id syntax).</summary>
    GetProfile = 0xA00,
    /// <summary>Get profile: no such profile.</summary>
    GetProfileBadProfile = 0xA01,

    /// <summary>Delete buddy failed.</summary>
    DelBuddy = 0xB00,
    /// <summary>Delete buddy: not a buddy.</summary>
    DelBuddyNotBuddy = 0xB01,

    /// <summary>Delete profile failed.</summary>
    DelProfile = 0xC00,
    /// <summary>Delete profile: it is the last profile.</summary>
    DelProfileLastProfile = 0xC01,

    /// <summary>Search failed (GPSP).</summary>
    Search = 0xD00,
    /// <summary>Search: connection failed.</summary>
    SearchConnectionFailed = 0xD01,
    /// <summary>Search: timed out.</summary>
    SearchTimedOut = 0xD02,

    /// <summary>Check failed.</summary>
    Check = 0xE00,
    /// <summary>Check: bad e-mail.</summary>
    CheckBadEmail = 0xE01,
    /// <summary>Check: bad nick.</summary>
    CheckBadNick = 0xE02,
    /// <summary>Check: bad password.</summary>
    CheckBadPassword = 0xE03,

    /// <summary>Revoke failed.</summary>
    Revoke = 0xF00,
    /// <summary>Revoke: not a buddy.</summary>
    RevokeNotBuddy = 0xF01,

    /// <summary>Register unique nick failed.</summary>
    RegisterUniqueNick = 0x1000,
    /// <summary>Register unique nick: taken.</summary>
    RegisterUniqueNickTaken = 0x1001,
    /// <summary>Register unique nick: reserved.</summary>
    RegisterUniqueNickReserved = 0x1002,
    /// <summary>Register unique nick: bad namespace.</summary>
    RegisterUniqueNickBadNamespace = 0x1003,

    /// <summary>Register CD key failed.</summary>
    RegisterCdKey = 0x1100,
    /// <summary>Register CD key: bad key.</summary>
    RegisterCdKeyBadKey = 0x1101,
    /// <summary>Register CD key: already set.</summary>
    RegisterCdKeyAlreadySet = 0x1102,
    /// <summary>Register CD key: already taken.</summary>
    RegisterCdKeyAlreadyTaken = 0x1103,

    /// <summary>Add block failed.</summary>
    AddBlock = 0x1200,
    /// <summary>Add block: already blocked.</summary>
    AddBlockAlreadyBlocked = 0x1201,

    /// <summary>Remove block failed.</summary>
    RemoveBlock = 0x1300,
    /// <summary>Remove block: not blocked.</summary>
    RemoveBlockNotBlocked = 0x1301,
}
