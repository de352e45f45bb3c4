namespace Wiimmfi.Protocols.Nas;

/// <summary>
/// Descriptive fields every <c>/ac</c> action may carry, as decoded text, not validated (null when
/// absent). They are for logs, bans and registration checks; the login-critical ones are
/// validated in <see cref="NasLoginRequest"/>.
/// </summary>
/// <param name="GameCode"><c>gamecd</c>: ID4 of the running disc, e.g. <c>RMCE</c>.</param>
/// <param name="MakerCode"><c>makercd</c>, e.g. <c>01</c>.</param>
/// <param name="UnitCode"><c>unitcd</c>: <c>0</c> DS, <c>1</c> Wii.</param>
/// <param name="SdkVersion"><c>sdkver</c>, 6 digits.</param>
/// <param name="MacAddress"><c>macadr</c>, 12 lower-case hex digits.</param>
/// <param name="Language"><c>lang</c>, 2 hex digits.</param>
/// <param name="Region"><c>region</c>, 2 hex digits (Wii).</param>
/// <param name="SerialNumber"><c>csnum</c>: Wii serial number.</param>
/// <param name="ConsoleFriendCode"><c>cfc</c>: 16-digit Wii number.</param>
/// <param name="DeviceTime"><c>devtime</c>: console clock <c>YYMMDDhhmmss</c>.</param>
/// <param name="AccessPointBssid"><c>bssid</c> (DS).</param>
/// <param name="AccessPointInfo"><c>apinfo</c> (DS).</param>
/// <param name="BirthDate"><c>birth</c> (DS).</param>
public sealed record NasConsoleInfo(
    string? GameCode,
    string? MakerCode,
    string? UnitCode,
    string? SdkVersion,
    string? MacAddress,
    string? Language,
    string? Region,
    string? SerialNumber,
    string? ConsoleFriendCode,
    string? DeviceTime,
    string? AccessPointBssid,
    string? AccessPointInfo,
    string? BirthDate)
{
    /// <summary>Reads the descriptive fields of <paramref name="form"/>.</summary>
    public static NasConsoleInfo From(NasForm form) => new(
        form.GetText("gamecd"),
        form.GetText("makercd"),
        form.GetText("unitcd"),
        form.GetText("sdkver"),
        form.GetText("macadr"),
        form.GetText("lang"),
        form.GetText("region"),
        form.GetText("csnum"),
        form.GetText("cfc"),
        form.GetText("devtime"),
        form.GetText("bssid"),
        form.GetText("apinfo"),
        form.GetText("birth"));
}
