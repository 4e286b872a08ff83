using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class PoolOperationRepository(RockstorDatabase db, IdSequences ids) : IPoolOperationRepository
{
    private const string Sequence = "pool_operations";

    public PoolOperation Add(PoolOperation operation)
    {
        var highest = db.PoolOperations.Query().OrderByDescending(o => o.Id).Limit(1).FirstOrDefault()?.Id ?? 0;
        var added = operation with { Id = ids.Next(Sequence, highest) };
        db.PoolOperations.Insert(ToDocument(added));
        return added;
    }

    public void Update(PoolOperation operation) => db.PoolOperations.Update(ToDocument(operation));

    public PoolOperation? Find(long id) => id is > 0 and <= int.MaxValue && db.PoolOperations.FindById((int)id) is { } d ? ToOperation(d) : null;

    public IReadOnlyList<PoolOperation> ListForPool(string pool, int limit) =>
        db.PoolOperations.Query().Where(o => o.Pool == pool).OrderByDescending(o => o.Id).Limit(limit).ToList().Select(ToOperation).ToList();

    public IReadOnlyList<PoolOperation> ListActive()
    {
        var running = nameof(PoolOperationState.Running);
        var paused = nameof(PoolOperationState.Paused);
        return db.PoolOperations.Find(o => o.State == running || o.State == paused).Select(ToOperation).ToList();
    }

    public void RemoveForPool(string pool) => db.PoolOperations.DeleteMany(o => o.Pool == pool);

    private static PoolOperationDocument ToDocument(PoolOperation o) => new()
    {
        Id = checked((int)o.Id),
        Pool = o.Pool,
        Kind = o.Kind.ToString(),
        State = o.State.ToString(),
        Detail = o.Detail,
        StartedAt = o.StartedAt.UtcDateTime,
        EndedAt = o.EndedAt?.UtcDateTime,
        Message = o.Message,
        DevId = o.DevId,
        Device = o.Device,
        Target = o.Target,
        DataProfile = o.DataProfile,
        MetadataProfile = o.MetadataProfile,
        StartBytes = o.StartBytes,
        Requested = o.Requested?.ToString(),
        Found = o.Found,
        Percent = o.Progress.Percent,
        BytesDone = o.Progress.BytesDone,
        BytesTotal = o.Progress.BytesTotal,
        BytesPerSecond = o.Progress.BytesPerSecond,
        SecondsLeft = o.Progress.SecondsLeft,
        ErrorsFound = o.Progress.ErrorsFound,
        ErrorsCorrected = o.Progress.ErrorsCorrected,
        ErrorsUncorrectable = o.Progress.ErrorsUncorrectable,
    };

    private static PoolOperation ToOperation(PoolOperationDocument d) => new()
    {
        Id = d.Id,
        Pool = d.Pool,
        Kind = Enum.Parse<PoolOperationKind>(d.Kind),
        State = Enum.Parse<PoolOperationState>(d.State),
        Detail = d.Detail,
        StartedAt = PoolRepository.Utc(d.StartedAt),
        EndedAt = d.EndedAt is { } ended ? PoolRepository.Utc(ended) : null,
        Message = d.Message,
        DevId = d.DevId,
        Device = d.Device,
        Target = d.Target,
        DataProfile = d.DataProfile,
        MetadataProfile = d.MetadataProfile,
        StartBytes = d.StartBytes,
        Requested = d.Requested is { } requested ? Enum.Parse<PoolOperationState>(requested) : null,
        Found = d.Found,
        Progress = new OperationProgress
        {
            Percent = d.Percent,
            BytesDone = d.BytesDone,
            BytesTotal = d.BytesTotal,
            BytesPerSecond = d.BytesPerSecond,
            SecondsLeft = d.SecondsLeft,
            ErrorsFound = d.ErrorsFound,
            ErrorsCorrected = d.ErrorsCorrected,
            ErrorsUncorrectable = d.ErrorsUncorrectable,
        },
    };
}
