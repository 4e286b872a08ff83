using Rockstor.Domain.Pools.Operations;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Support;

/// <summary>Follows a pool's long operation as the appliance does, until it ends.</summary>
internal static class OperationsToEnd
{
    /// <summary>Polls as the appliance's monitor does until the operation has ended (3 minutes at most).</summary>
    public static async Task<PoolOperation> RunToEndAsync(this StorageHost host, PoolOperation operation, CancellationToken ct)
    {
        var monitor = host.Get<PoolOperationMonitor>();
        var operations = host.Get<PoolOperationService>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            await monitor.PollAsync(ct);
            var now = operations.Require(operation.Pool, operation.Id);
            if (!now.State.IsActive())
            {
                return now;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The {now.Kind} did not end: {now.State}, {now.Progress.Percent}%.");
            await Task.Delay(300, ct);
        }
    }

    /// <summary>Waits until a detached loop device is gone from the kernel's list.</summary>
    public static async Task WaitUntilLoopGoneAsync(string loop)
    {
        for (var i = 0; i < 50 && File.Exists($"/sys/block/{Path.GetFileName(loop)}/loop/backing_file"); i++)
        {
            await Task.Delay(100);
        }
    }
}
