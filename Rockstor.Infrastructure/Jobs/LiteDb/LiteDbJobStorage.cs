using Hangfire;
using Hangfire.Server;
using Hangfire.Storage;

namespace Rockstor.Infrastructure.Jobs.LiteDb;
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

    /// <summary>
    /// Opens the job store; one that cannot be read (damaged) is moved aside as
    /// <c>jobs.db.damaged-&lt;time&gt;</c> and a new one is started, so the appliance still starts. Nothing
    /// of the user's is lost with it: tasks and schedules come back from the appliance's store.
    /// </summary>
    public static LiteDbJobStorage OpenOrReplace(string path, Action<string> warn, LiteDbJobStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(warn);
        try
        {
            return new LiteDbJobStorage(path, options);
        }
        // A damaged file surfaces in many shapes; a file that cannot be opened at all (in use by another
        // process, no permission, a disk error) is not damaged, and must not be moved aside.
#pragma warning disable CA1031
        catch (Exception e) when (e is not (IOException or UnauthorizedAccessException or OutOfMemoryException))
#pragma warning restore CA1031
        {
            var aside = $"{path}.damaged-{DateTime.UtcNow:yyyyMMddTHHmmssZ}";
            foreach (var file in Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(path)!, System.IO.Path.GetFileNameWithoutExtension(path) + "*")
                         .Where(f => !f.Contains(".damaged-", StringComparison.Ordinal)))
            {
                File.Move(file, file == path ? aside : $"{file}.damaged-{DateTime.UtcNow:yyyyMMddTHHmmssZ}");
            }

            warn($"The job store {path} could not be read ({e.Message}); it was moved to {aside} and a new one started. Replication schedules are registered again from the appliance's store.");
            return new LiteDbJobStorage(path, options);
        }
    }

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
