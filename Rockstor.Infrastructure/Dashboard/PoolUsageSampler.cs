using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Dashboard;
using Rockstor.Domain.Dashboard.Forecast;
using Rockstor.Domain.Pools;

namespace Rockstor.Infrastructure.Dashboard;

/// <summary>
/// Samples each mounted pool's usage into <see cref="PoolUsageHistory"/> every sample interval (at start
/// too), and has the history write its batch every flush interval and when the appliance stops.
/// </summary>
internal sealed partial class PoolUsageSampler(
    PoolService pools,
    PoolUsageHistory history,
    DashboardSettings settings,
    TimeProvider time,
    ILogger<PoolUsageSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastFlush = time.GetUtcNow();
        using var timer = new PeriodicTimer(settings.SampleInterval, time);
        do
        {
            await SampleAsync(stoppingToken).ConfigureAwait(false);
            if (time.GetUtcNow() - lastFlush >= settings.FlushInterval)
            {
                Flush();
                lastFlush = time.GetUtcNow();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Flush();
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        try
        {
            var now = time.GetUtcNow();
            var views = await pools.ListAsync(ct).ConfigureAwait(false);
            history.Record(views.Where(v => v.Mounted && v.SizeBytes > 0).Select(v => new PoolUsageSample(v.Pool.Name, now, v.UsedBytes, v.SizeBytes)));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogSampleFailed(logger, e); // whatever it was, the sampler goes on: the next interval tries again
        }
    }

    private void Flush()
    {
        try
        {
            history.Flush();
        }
#pragma warning disable CA1031 // a failed write (a full disk) keeps the samples in memory for the next flush; the appliance goes on
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFlushFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pools' usage could not be sampled for the dashboard's forecast")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pools' usage history could not be written")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
