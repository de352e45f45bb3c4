using System.Runtime.CompilerServices;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// <c>await ThreadPoolHop.Instance</c> always continues on a thread-pool thread, whatever
/// synchronization context the caller runs under. (<see cref="Task.Yield"/> would post back to
/// that context — e.g. a test runner's or an actor dispatcher's limited set of threads — and
/// blocking work after it would then hold one of those threads.)
/// </summary>
internal readonly struct ThreadPoolHop : ICriticalNotifyCompletion
{
    public static ThreadPoolHop Instance => default;

    public bool IsCompleted => false;

    public ThreadPoolHop GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) =>
        ThreadPool.QueueUserWorkItem(static state => ((Action)state!).Invoke(), continuation);

    public void UnsafeOnCompleted(Action continuation) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => ((Action)state!).Invoke(), continuation);
}
