using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. The logger of one actor. Its category is the actor's class (a category per path would
/// make the logger factory keep one logger per entity forever); the path goes into every entry as a
/// scope value <c>ActorPath</c> and as a <c>[path]</c> prefix of the message.
/// </summary>
internal sealed class ActorLogger(ILogger inner, ActorPath path) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        using var scope = inner.BeginScope(new KeyValuePair<string, object>[] { new("ActorPath", path.ToString()) });
        inner.Log(logLevel, eventId, state, exception, (s, e) => $"[{path}] {formatter(s, e)}");
    }
}
