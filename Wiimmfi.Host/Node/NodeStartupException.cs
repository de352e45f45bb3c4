namespace Wiimmfi.Host.Node;

/// <summary>
/// Start-up cannot continue, for a reason an operator can fix (a port that cannot be bound, a bad setting, a
/// database that is newer than the code). The message is one or two sentences that say what to change; the
/// CLI prints it without a stack trace and exits non-zero.
/// </summary>
public sealed class NodeStartupException(string message, Exception? inner = null) : Exception(message, inner);
