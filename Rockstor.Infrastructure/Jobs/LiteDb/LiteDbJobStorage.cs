using Hangfire;
using Hangfire.Server;
using Hangfire.Storage;

namespace Rockstor.Infrastructure.Jobs.LiteDb;

public sealed class LiteDbJobStorageOptions
{
    /// <summary>How long an idle worker waits before it looks at the queues again (it is woken at once by an enqueue).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often expired jobs, sets, lists, hashes and counters are removed.</summary>
    public TimeSpan ExpirationCheckInterval { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// Hangfire's job storage in a LiteDB file of its own (beside the appliance's store, so a damaged job
/// store never takes the appliance's data with it). One process owns the file: servers, heartbeats and
/// locks live in memory, and an idle appliance writes nothing (ADR-011).
/// </summary>
public sealed class LiteDbJobStorage : JobStorage, IDisposable
{
    public const string FileName = "jobs.db";

    private static readonly HashSet<string> Features = new(StringComparer.OrdinalIgnoreCase)
    {
        JobStorageFeatures.ExtendedApi,
        JobStorageFeatures.ProcessesInsteadOfComponents,
        JobStorageFeatures.Connection.GetUtcDateTime,
        JobStorageFeatures.Connection.GetSetContains,
        JobStorageFeatures.Connection.LimitedGetSetCount,
        JobStorageFeatures.Connection.BatchedGetFirstByLowest,
        JobStorageFeatures.Transaction.AcquireDistributedLock,
        JobStorageFeatures.Transaction.SetJobParameter,
    };

    private readonly LiteDbJobStore _store;
    private readonly LiteDbJobStorageOptions _options;

    public LiteDbJobStorage(string path, LiteDbJobStorageOptions? options = null)
    {
        _options = options ?? new LiteDbJobStorageOptions();
        _store = new LiteDbJobStore(path);
    }

    public string Path => _store.Path;

    public override bool LinearizableReads => true;

    public override IMonitoringApi GetMonitoringApi() => new LiteDbMonitoringApi(_store);

    public override IStorageConnection GetConnection() => new LiteDbConnection(_store, _options);

    public override bool HasFeature(string featureId) => Features.Contains(featureId);

#pragma warning disable CS0618 // Hangfire 1.8 asks storages for their processes this way.
    public override IEnumerable<IBackgroundProcess> GetStorageWideProcesses() => [new LiteDbExpirationManager(_store, _options.ExpirationCheckInterval)];
#pragma warning restore CS0618

    /// <summary>Removes what expired before <paramref name="now"/> (what the expiration process does on its rounds).</summary>
    internal int RemoveExpired(DateTime now) => new LiteDbExpirationManager(_store, _options.ExpirationCheckInterval).RemoveExpired(now);

    public override string ToString() => $"LiteDB job storage at {Path}";

    public void Dispose() => _store.Dispose();
}
