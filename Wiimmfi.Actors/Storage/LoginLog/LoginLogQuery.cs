namespace Wiimmfi.Actors.Storage;

/// <summary>Which log entries to list: all, or those of one profile and/or user id; newest first.</summary>
/// <param name="Limit">At most this many (1 … <see cref="StoreLimits.MaxRowsPerQuery"/>).</param>
public sealed record LoginLogQuery(uint? ProfileId = null, long? UserId = null, int Limit = 100);
