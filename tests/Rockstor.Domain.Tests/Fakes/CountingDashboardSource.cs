using Rockstor.Domain.Dashboard;
using Rockstor.Domain.Dashboard.Machine;
using Rockstor.Domain.Dashboard.Widgets;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>A dashboard source that counts its reads and answers each with a snapshot of the clock's time.</summary>
public sealed class CountingDashboardSource(TimeProvider time) : IDashboardSource
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public Task<DashboardSnapshot> ReadAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _reads);
        var now = time.GetUtcNow();
        var load = new SystemLoad(now, 12.5, new MemoryUsage(1000, 400), [], [], 60);
        return Task.FromResult(new DashboardSnapshot(now, load, [], [], [], new ReplicationGlance(0, null, []), new AlertGlance(0, []), "1.0.0"));
    }
}
