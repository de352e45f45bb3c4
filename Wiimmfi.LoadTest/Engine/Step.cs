namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// One measured exchange in a scenario (a login, a heartbeat, a query): a name for the report and a plain async
/// delegate over the virtual user's context. A step should pass <see cref="UserContext.CancellationToken"/> to its
/// I/O so the step timeout and a stopped run can interrupt it; an exception it throws is recorded as a failure.
/// </summary>
public sealed record Step(string Name, Func<UserContext, ValueTask<Response>> Run)
{
    public static Step Create(string name, Func<UserContext, ValueTask<Response>> run) => new(name, run);
}
