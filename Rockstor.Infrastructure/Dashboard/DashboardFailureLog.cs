using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Dashboard;

namespace Rockstor.Infrastructure.Dashboard;

/// <summary>Writes to the log what the dashboard's feed and its reading of the pools could not do (they go on without it).</summary>
internal sealed partial class DashboardFailureLog(DashboardFeed feed, DashboardSource source, ILogger<DashboardFailureLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Failed += OnFeedFailed;
        source.StorageFailed += OnStorageFailed;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        feed.Failed -= OnFeedFailed;
        source.StorageFailed -= OnStorageFailed;
        return Task.CompletedTask;
    }

    private void OnFeedFailed(Exception e) => LogFeedFailed(logger, e);

    private void OnStorageFailed(Exception e) => LogStorageFailed(logger, e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dashboard snapshot could not be taken or given to a watcher")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard could not read the pools and shares; it shows what it read before")]
    private static partial void LogStorageFailed(ILogger logger, Exception exception);
}
