using System.Diagnostics;
using System.Runtime.CompilerServices;
using Wiimmfi.LoadTest.Stats;

namespace Wiimmfi.LoadTest.Engine;

// The virtual users' side of a scenario run: what one user does from init to clean, and how each step is timed
// and recorded. Everything a step throws is turned into a failed response here; nothing escapes into the driver.
// The per-request methods use pooled ValueTask builders: a step that really awaits would otherwise allocate a
// state machine box per call.
internal sealed partial class ScenarioRun
{
    private async Task RunOpenUserAsync(Phase phase)
    {
        var user = NewUser(phase);
        try
        {
            if (await RunInitAsync(user, phase).ConfigureAwait(false))
                await RunIterationAsync(user, phase).ConfigureAwait(false);
        }
        finally
        {
            await RunCleanAsync(user, phase).ConfigureAwait(false);
            DisposeUser(user);
            phase.Users.Exit();
        }
    }

    /// <summary>
    /// Between a closed-model user's iterations: wait out the rest of <see cref="Scenario.Pacing"/> (a console that acts
    /// every few seconds), and always give the thread back, so steps that complete synchronously (a UDP send) cannot
    /// hold a thread-pool thread in a loop and starve the run's own timers.
    /// </summary>
    private async Task PaceAsync(long started, Phase phase)
    {
        var left = _scenario.Pacing - _settings.Time.GetElapsedTime(started);
        if (left <= TimeSpan.Zero)
        {
            await Task.Yield();
            return;
        }
        try
        {
            await Task.Delay(left, _settings.Time, phase.Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The phase is stopping; the loop sees it.
        }
    }

    private async Task RunClosedUserAsync(ClosedUser handle, Phase phase)
    {
        var user = NewUser(phase);
        try
        {
            var ok = await RunInitAsync(user, phase).ConfigureAwait(false);
            while (ok && !handle.Retiring && !phase.Stopping.IsCancellationRequested && _control.TryTakeIteration())
            {
                var started = _settings.Time.GetTimestamp();
                ok = await RunIterationAsync(user, phase).ConfigureAwait(false);
                if (ok) await PaceAsync(started, phase).ConfigureAwait(false);
            }
            if (!ok) await WaitBeforeReplacementAsync(phase).ConfigureAwait(false);
        }
        finally
        {
            await RunCleanAsync(user, phase).ConfigureAwait(false);
            DisposeUser(user);
            handle.Exited = true;
            phase.Users.Exit();
        }
    }

    private UserContext NewUser(Phase phase) =>
        new(_scenario.Name, _control.NextUserId(), phase.IsWarmUp, _target, _settings.Seed, phase.Abort);

    private ValueTask<bool> RunInitAsync(UserContext user, Phase phase)
    {
        if (_scenario.Init is not { } init) return ValueTask.FromResult(true);
        return RunInitCoreAsync(user, phase, init);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> RunInitCoreAsync(UserContext user, Phase phase, Func<UserContext, ValueTask<Response>> init) =>
        (await RunStepAsync(user, phase, init, phase.Recorders.Init!).ConfigureAwait(false)).IsOk;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> RunIterationAsync(UserContext user, Phase phase)
    {
        var steps = _scenario.Steps;
        var recorders = phase.Recorders.Steps;
        var start = Stopwatch.GetTimestamp();
        long bytesIn = 0, bytesOut = 0;
        string? failedKind = null;
        string? failedMessage = null;
        for (var i = 0; i < steps.Count; i++)
        {
            var response = await RunStepAsync(user, phase, steps[i].Run, recorders[i]).ConfigureAwait(false);
            bytesIn += response.BytesIn;
            bytesOut += response.BytesOut;
            if (response.IsOk) continue;
            // The iteration line says where it failed: "login: timeout".
            failedKind = steps[i].Name + ": " + response.ErrorKind;
            failedMessage = response.Message;
            break;
        }
        var elapsed = Stopwatch.GetElapsedTime(start).Ticks;
        var outcome = failedKind is null ? Response.Ok(bytesOut, bytesIn) : Response.Fail(failedKind, failedMessage, bytesOut, bytesIn);
        phase.Recorders.Iterations.Record(outcome, elapsed);
        user.Iteration++;
        if (outcome.IsOk) Interlocked.Increment(ref phase.OkIterations);
        else Interlocked.Increment(ref phase.FailedIterations);
        return outcome.IsOk;
    }

    private async ValueTask RunCleanAsync(UserContext user, Phase phase)
    {
        if (_scenario.Clean is not { } clean) return;
        // A clean closes sockets; it runs even after an abort, with its own timeout.
        user.UseCleanCancellation();
        await RunStepAsync(user, phase, clean, phase.Recorders.Clean!).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response> RunStepAsync(UserContext user, Phase phase, Func<UserContext, ValueTask<Response>> run, StepRecorder recorder)
    {
        user.ArmStepTimeout(_scenario.StepTimeout);
        var start = Stopwatch.GetTimestamp();
        Response response;
        try
        {
            response = await run(user).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            response = phase.Abort.IsCancellationRequested ? Response.Fail(ErrorKinds.Cancelled, e.Message)
                : user.StepTimedOut ? Response.Fail(ErrorKinds.Timeout, $"the step ran longer than {DurationText.Format(_scenario.StepTimeout)}")
                : ErrorKinds.FromException(e);
        }
        var elapsed = Stopwatch.GetElapsedTime(start).Ticks;
        user.DisarmStepTimeout();
        recorder.Record(response, elapsed);
        return response;
    }

    private async Task WaitBeforeReplacementAsync(Phase phase)
    {
        if (_scenario.RestartDelay <= TimeSpan.Zero || phase.Stopping.IsCancellationRequested) return;
        try
        {
            await Task.Delay(_scenario.RestartDelay, _settings.Time, phase.Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The phase is over; no replacement will come.
        }
    }

    private static void DisposeUser(UserContext user)
    {
        try
        {
            user.Dispose();
        }
        catch (Exception)
        {
            // A user's state that fails to dispose must not take the run down; its sockets die with the process.
        }
    }
}
