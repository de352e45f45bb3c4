namespace Wiimmfi.Protocols.Nas;

/// <summary><c>action=svcloc</c>: the console asks where a service lives.</summary>
/// <param name="Service"><c>svc</c>: <c>9000</c>, <c>9001</c>, <c>0000</c>, … or null.</param>
/// <param name="Console">Descriptive console fields.</param>
/// <param name="Form">The whole decoded form.</param>
public sealed record NasSvcLocRequest(string? Service, NasConsoleInfo Console, NasForm Form) : NasAcRequest(Console, Form)
{
    /// <inheritdoc />
    public override NasAction Action => NasAction.SvcLoc;
}
