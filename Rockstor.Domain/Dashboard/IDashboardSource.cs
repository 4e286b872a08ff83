namespace Rockstor.Domain.Dashboard;

/// <summary>Takes one snapshot of everything the dashboard shows.</summary>
public interface IDashboardSource
{
    Task<DashboardSnapshot> ReadAsync(CancellationToken ct);
}
