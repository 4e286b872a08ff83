namespace Rockstor.Domain.Replication.Restores;

public interface IPendingRestoreRepository
{
    /// <summary>Newest first.</summary>
    IReadOnlyList<PendingRestore> List(int take);

    PendingRestore? FindByCodeHash(string codeHash);

    /// <summary>Adds (sets the id) or replaces.</summary>
    void Save(PendingRestore restore);

    void Remove(int id);
}
