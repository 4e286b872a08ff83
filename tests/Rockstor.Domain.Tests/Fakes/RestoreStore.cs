using Rockstor.Domain.Replication.Restores;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Restores in a list; each read is a copy, as a store's is.</summary>
public sealed class RestoreStore : IPendingRestoreRepository
{
    private readonly List<PendingRestore> _all = [];

    public IReadOnlyList<PendingRestore> List(int take) => _all.OrderByDescending(r => r.Id).Take(take).Select(Copy).ToList();

    public PendingRestore? FindByCodeHash(string codeHash) => _all.FirstOrDefault(r => r.CodeHash == codeHash) is { } found ? Copy(found) : null;

    public void Save(PendingRestore restore)
    {
        if (restore.Id == 0)
        {
            restore.Id = _all.Count == 0 ? 1 : _all.Max(r => r.Id) + 1;
        }

        _all.RemoveAll(r => r.Id == restore.Id);
        _all.Add(Copy(restore));
    }

    public void Remove(int id) => _all.RemoveAll(r => r.Id == id);

    private static PendingRestore Copy(PendingRestore r) => new()
    {
        Id = r.Id,
        ApplianceId = r.ApplianceId,
        SourceShare = r.SourceShare,
        Snapshot = r.Snapshot,
        NewShare = r.NewShare,
        TargetPool = r.TargetPool,
        CodeHash = r.CodeHash,
        AskedAt = r.AskedAt,
        UsedAt = r.UsedAt,
        State = r.State,
        Outcome = r.Outcome,
    };
}
