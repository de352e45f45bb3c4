using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime;

namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// One actor system for one test (create it in the test class constructor, dispose it at the end):
/// a unique name, a log that the test can inspect, probes, and helpers that wait for conditions.
/// </summary>
public sealed class ActorSystemFixture : IDisposable, IAsyncDisposable
{
    private static int s_counter;

    public ActorSystemFixture(ActorSystemSettings? settings = null, string? name = null)
    {
        Log = new CapturingLoggerFactory();
        System = ActorSystem.Create(name ?? $"test-{Interlocked.Increment(ref s_counter)}", settings, Log);
    }

    public ActorSystem System { get; }

    /// <summary>Everything the system logged.</summary>
    public CapturingLoggerFactory Log { get; }

    public TestProbe CreateTestProbe(string? name = null) => new(System, name);

    public Task AwaitConditionAsync(Func<bool> condition, TimeSpan? timeout = null, string? message = null) =>
        Awaiting.ConditionAsync(condition, timeout, message);

    public Task AwaitAssertAsync(Action assertion, TimeSpan? timeout = null) => Awaiting.AssertAsync(assertion, timeout);

    public void Dispose()
    {
        if (!System.Terminate().Wait(TimeSpan.FromSeconds(30)))
            throw new TestKitException($"Actor system {System.Name} did not terminate within 30 s.");
    }

    public async ValueTask DisposeAsync() => await System.Terminate().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
}

/// <summary>A logger factory that keeps every entry in memory, for assertions on what was logged.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }

    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
