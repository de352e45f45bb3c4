using Wiimmfi.LoadTest.Engine;

namespace Wiimmfi.LoadTest.Stats;

/// <summary>The recorders of one scenario phase: whole iterations, init, each step in order, clean.</summary>
public sealed class ScenarioRecorders : IDisposable
{
    public ScenarioRecorders(Scenario scenario)
    {
        Iterations = new StepRecorder(scenario.Name, StepKind.Iteration);
        Init = scenario.Init is null ? null : new StepRecorder(Scenario.InitName, StepKind.Init);
        Clean = scenario.Clean is null ? null : new StepRecorder(Scenario.CleanName, StepKind.Clean);
        var steps = new StepRecorder[scenario.Steps.Count];
        for (var i = 0; i < steps.Length; i++) steps[i] = new StepRecorder(scenario.Steps[i].Name, StepKind.Step);
        Steps = steps;
    }

    public StepRecorder Iterations { get; }

    public StepRecorder? Init { get; }

    public IReadOnlyList<StepRecorder> Steps { get; }

    public StepRecorder? Clean { get; }

    /// <summary>Init, the steps, clean — the order the report lists them in.</summary>
    public IEnumerable<StepRecorder> StepsInReportOrder()
    {
        if (Init is not null) yield return Init;
        foreach (var step in Steps) yield return step;
        if (Clean is not null) yield return Clean;
    }

    public void Dispose()
    {
        Iterations.Dispose();
        foreach (var recorder in StepsInReportOrder()) recorder.Dispose();
    }
}
