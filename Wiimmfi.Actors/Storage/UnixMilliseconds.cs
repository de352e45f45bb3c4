namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Times are stored as Unix milliseconds (UTC) in both dialects, so queries are shared and no
/// driver converts time zones behind our back.
/// </summary>
internal static class UnixMilliseconds
{
    public static long From(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static long? From(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToTime(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public static DateTimeOffset? ToTime(long? milliseconds) =>
        milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
