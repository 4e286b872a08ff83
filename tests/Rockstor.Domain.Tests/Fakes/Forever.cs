namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Waits that end only when cancelled: a hang, without a clock. The waiter goes on at once on the cancelling thread.</summary>
public static class Forever
{
    public static Task UntilCancelledAsync(CancellationToken ct)
    {
        var hung = new TaskCompletionSource();
        ct.Register(() => hung.TrySetCanceled(ct));
        return hung.Task;
    }
}
