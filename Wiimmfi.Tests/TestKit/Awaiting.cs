namespace Wiimmfi.Tests.TestKit;

/// <summary>Waits for a condition by polling it, never by sleeping a fixed time and hoping.</summary>
public static class Awaiting
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static async Task ConditionAsync(Func<bool> condition, TimeSpan? timeout = null, string? message = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TestKitException(message ?? "The condition did not become true in time.");
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    public static async Task AssertAsync(Action assertion, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow <= deadline)
            {
                await Task.Delay(PollInterval).ConfigureAwait(false);
            }
        }
    }

    public static void Condition(Func<bool> condition, TimeSpan? timeout = null, string? message = null) =>
        ConditionAsync(condition, timeout, message).GetAwaiter().GetResult();

    public static void Assert(Action assertion, TimeSpan? timeout = null) => AssertAsync(assertion, timeout).GetAwaiter().GetResult();
}
