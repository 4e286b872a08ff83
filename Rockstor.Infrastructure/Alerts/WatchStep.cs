using Microsoft.Extensions.Logging;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>One step of an alert watch: a failure is logged and the watch goes on (the next tick tries again).</summary>
internal static class WatchStep
{
    public static async Task GuardedAsync(ILogger logger, Func<Task> step, string what)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The watch goes on; the next tick or event tries again.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "{What} failed", what);
        }
    }
}
