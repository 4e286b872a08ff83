using Rockstor.Domain.Alerts;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Alerts kept in a list, found as the LiteDB store finds them.</summary>
public sealed class AlertRecords : IAlertRepository
{
    private readonly List<Alert> _all = [];

    public void Save(Alert alert)
    {
        if (alert.Id == 0)
        {
            alert.Id = _all.Count + 1;
            _all.Add(alert);
        }
    }

    public Alert? FindOpen(AlertKind kind, int taskId) => _all.FirstOrDefault(a => a.Open && a.Kind == kind && a.TaskId == taskId && a.Pool is null && a.About is null);

    public Alert? FindOpen(AlertKind kind, string pool) => _all.FirstOrDefault(a => a.Open && a.Kind == kind && a.Pool == pool);

    public Alert? FindOpenAbout(AlertKind kind, string about) => _all.FirstOrDefault(a => a.Open && a.Kind == kind && a.About == about);

    public IReadOnlyList<Alert> RaisedSince(DateTimeOffset since) => _all.Where(a => a.RaisedAt >= since).ToList();

    public IReadOnlyList<Alert> OpenFor(int taskId) => _all.Where(a => a.Open && a.TaskId == taskId && a.Pool is null && a.About is null).ToList();

    public IReadOnlyList<Alert> List(bool openOnly, int take) => _all.Where(a => !openOnly || a.Open).OrderByDescending(a => a.Id).Take(take).ToList();

    public int CountOpen() => _all.Count(a => a.Open);
}
