namespace Wiimmfi.Actors.Runtime;

/// <summary>What a supervisor does with a failed child. Frozen values (they appear in logs and metrics).</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; drop the failing message and go on.</summary>
    Resume = 0,
    /// <summary>Replace the instance with a fresh one; the mailbox (minus the failing message) is kept.</summary>
    Restart = 1,
    /// <summary>Stop the actor.</summary>
    Stop = 2,
    /// <summary>Fail the supervisor itself with the same exception, for its own parent to decide.</summary>
    Escalate = 3,
}
