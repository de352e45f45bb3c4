namespace Wiimmfi.Actors.Storage;

/// <summary>
/// What an operator did, as stored in the moderation audit log. Values are frozen (stored):
/// append, never renumber.
/// </summary>
public enum ModerationAction
{
    /// <summary>An online profile was disconnected.</summary>
    Kick = 1,

    /// <summary>A ban was issued (and any matching online session kicked).</summary>
    Ban = 2,

    /// <summary>A ban was lifted before its expiry.</summary>
    Unban = 3,
}
