using LiteDB;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Promotion;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class ReplicationTaskDocument
{
    [BsonId(autoId: true)]
    public int Id { get; set; }

    public string Share { get; set; } = "";

    public string TargetApplianceId { get; set; } = "";

    public string TargetPool { get; set; } = "";

    public int? FrequencyMinutes { get; set; }

    public string? Cron { get; set; }

    public int Port { get; set; }

    /// <summary>The number a task kept before retention policies (read when <see cref="Retention"/> is absent).</summary>
    public int Keep { get; set; }

    public RetentionDocument? Retention { get; set; }

    public RetentionDocument? DestinationRetention { get; set; }

    public double? BandwidthLimitMBps { get; set; }

    public string? Compression { get; set; }

    public bool Resumable { get; set; }

    public bool Diverged { get; set; }

    public bool ReseedRequested { get; set; }

    /// <summary>The window's start and end as HH:mm (UTC); null for none.</summary>
    public string? WindowStart { get; set; }

    public string? WindowEnd { get; set; }

    public bool Enabled { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class AttemptDocument
{
    [BsonId(autoId: true)]
    public long Id { get; set; }

    public int OwnerId { get; set; }

    public string Status { get; set; } = "";

    public DateTime StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public string? Snapshot { get; set; }

    public string? Parent { get; set; }

    public long Bytes { get; set; }

    public long StreamBytes { get; set; }

    public long ExpectedBytes { get; set; }

    public long ResumedFrom { get; set; }

    public string? Note { get; set; }

    public long BytesPerSecond { get; set; }

    public string? Error { get; set; }

    public int Retries { get; set; }
}

internal sealed class IncomingReplicaDocument
{
    [BsonId(autoId: true)]
    public int Id { get; set; }

    public string SenderApplianceId { get; set; } = "";

    public int SenderTaskId { get; set; }

    public string SourceShare { get; set; } = "";

    public string ReplicaShare { get; set; } = "";

    public string Pool { get; set; } = "";

    public DateTime? LastReceiveAt { get; set; }

    public RetentionDocument? ProposedRetention { get; set; }

    public RetentionDocument? AdoptedRetention { get; set; }

    public RetentionDocument? Retention { get; set; }

    public int? ProtectionDays { get; set; }

    public List<WithheldDocument> Withheld { get; set; } = [];

    public PromotionDocument? Promotion { get; set; }
}

internal sealed class PromotionDocument
{
    public string Share { get; set; } = "";

    public string Snapshot { get; set; } = "";

    public DateTime At { get; set; }
}

internal sealed class WithheldDocument
{
    public string Snapshot { get; set; } = "";

    public string Policy { get; set; } = "";

    public DateTime FirstAt { get; set; }

    public DateTime ProtectedUntil { get; set; }
}

internal sealed class ReplicationTaskRepository(RockstorDatabase db, IdSequences ids) : IReplicationTaskRepository
{
    public IReadOnlyList<ReplicationTask> List() => db.ReplicationTasks.FindAll().OrderBy(t => t.Id).Select(ToTask).ToList();

    public ReplicationTask? Find(int id) => db.ReplicationTasks.FindById(id) is { } d ? ToTask(d) : null;

    public void Save(ReplicationTask task)
    {
        var document = new ReplicationTaskDocument
        {
            Id = task.Id,
            Share = task.Share,
            TargetApplianceId = task.TargetApplianceId,
            TargetPool = task.TargetPool,
            FrequencyMinutes = task.FrequencyMinutes,
            Cron = task.Cron,
            Port = task.Port,
            Retention = RetentionDocument.Of(task.Retention),
            DestinationRetention = RetentionDocument.Of(task.DestinationRetention),
            BandwidthLimitMBps = task.BandwidthLimitMBps,
            Compression = task.Compression.ToString(),
            Resumable = task.Resumable,
            Diverged = task.Diverged,
            ReseedRequested = task.ReseedRequested,
            WindowStart = task.Window?.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            WindowEnd = task.Window?.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            Enabled = task.Enabled,
            CreatedAt = task.CreatedAt.UtcDateTime,
        };
        if (task.Id == 0)
        {
            // Its snapshots are named after its id: a later task must never get it, or it would prune them.
            document.Id = task.Id = ids.Next("replication_tasks", db.ReplicationTasks.Query().Select(t => t.Id).ToList().DefaultIfEmpty(0).Max());
            db.ReplicationTasks.Insert(document);
        }
        else
        {
            db.ReplicationTasks.Upsert(document);
        }
    }

    public void Remove(int id) => db.ReplicationTasks.Delete(id);

    internal static ReplicationTask ToTask(ReplicationTaskDocument d) => new()
    {
        Id = d.Id,
        Share = d.Share,
        TargetApplianceId = d.TargetApplianceId,
        TargetPool = d.TargetPool,
        FrequencyMinutes = d.FrequencyMinutes,
        Cron = d.Cron,
        Port = d.Port,
        Retention = d.Retention?.ToPolicy() ?? RetentionPolicy.KeepLast(d.Keep),
        DestinationRetention = d.DestinationRetention?.ToPolicy(),
        BandwidthLimitMBps = d.BandwidthLimitMBps,
        Compression = Enum.TryParse<CompressionMode>(d.Compression, out var mode) ? mode : CompressionMode.Off,
        Resumable = d.Resumable,
        Diverged = d.Diverged,
        ReseedRequested = d.ReseedRequested,
        Window = ReplicationWindow.Parse(d.WindowStart, d.WindowEnd),
        Enabled = d.Enabled,
        CreatedAt = PoolRepository.Utc(d.CreatedAt),
    };
}

internal sealed class TrailRepository(RockstorDatabase db) : ITrailRepository
{
    /// <summary>Attempts kept per task or incoming replica: months of a task that runs every few minutes.</summary>
    public const int RowsKept = 5000;

    public void Save(TrailSide side, Attempt attempt)
    {
        var document = new AttemptDocument
        {
            Id = attempt.Id,
            OwnerId = attempt.OwnerId,
            Status = attempt.Status.ToString(),
            StartedAt = attempt.StartedAt.UtcDateTime,
            EndedAt = attempt.EndedAt?.UtcDateTime,
            Snapshot = attempt.Snapshot,
            Parent = attempt.Parent,
            Bytes = attempt.Bytes,
            StreamBytes = attempt.StreamBytes,
            ExpectedBytes = attempt.ExpectedBytes,
            ResumedFrom = attempt.ResumedFrom,
            Note = attempt.Note,
            BytesPerSecond = attempt.BytesPerSecond,
            Error = attempt.Error,
            Retries = attempt.Retries,
        };
        if (attempt.Id == 0)
        {
            attempt.Id = Collection(side).Insert(document).AsInt64;
            Trim(side, attempt.OwnerId);
        }
        else
        {
            Collection(side).Upsert(document);
        }
    }

    public IReadOnlyList<Attempt> List(TrailSide side, int ownerId, int skip = 0, int take = 100) =>
        Newest(side, ownerId)
            .Skip(Math.Max(0, skip))
            .Limit(Math.Clamp(take, 1, 1000))
            .ToList()
            .Select(ToAttempt)
            .ToList();

    public Attempt? Latest(TrailSide side, int ownerId) => List(side, ownerId, 0, 1).FirstOrDefault();

    public int Count(TrailSide side, int ownerId) => Collection(side).Count(a => a.OwnerId == ownerId);

    public Attempt? LatestSucceeded(TrailSide side, int ownerId)
    {
        var succeeded = nameof(AttemptStatus.Succeeded);
        var found = Newest(side, ownerId)
            .Where(a => a.Status == succeeded)
            .Limit(1)
            .ToList()
            .FirstOrDefault();
        return found is null ? null : ToAttempt(found);
    }

    public int FailUnfinished(TrailSide side, string reason, DateTimeOffset at)
    {
        var running = nameof(AttemptStatus.Running);
        var pending = nameof(AttemptStatus.Pending);
        var unfinished = Collection(side).Find(a => a.Status == running || a.Status == pending).ToList();
        foreach (var attempt in unfinished)
        {
            attempt.Status = nameof(AttemptStatus.Failed);
            attempt.Error = reason;
            attempt.EndedAt = at.UtcDateTime;
            Collection(side).Update(attempt);
        }

        return unfinished.Count;
    }

    public void RemoveAll(TrailSide side, int ownerId) => Collection(side).DeleteMany(a => a.OwnerId == ownerId);

    /// <summary>Keeps the newest <see cref="RowsKept"/> attempts of an owner, so a trail cannot grow without end.</summary>
    private void Trim(TrailSide side, int ownerId)
    {
        if (Count(side, ownerId) <= RowsKept)
        {
            return; // counted on the index, without reading the attempts
        }

        var oldestKept = Newest(side, ownerId)
            .Skip(RowsKept - 1)
            .Limit(1)
            .ToList()
            .FirstOrDefault()?.Id ?? 0;
        if (oldestKept > 0)
        {
            Collection(side).DeleteMany(a => a.OwnerId == ownerId && a.Id < oldestKept);
        }
    }

    /// <summary>
    /// An owner's attempts, newest first, read in the order of the trail index (owner, then id): a page
    /// or the newest succeeded reads only the documents it returns (and those it passes over), not the
    /// whole trail, so a task with thousands of runs costs what one with ten does.
    /// </summary>
    private ILiteQueryable<AttemptDocument> Newest(TrailSide side, int ownerId) =>
        Collection(side).Query()
            .Where($"{RockstorDatabase.TrailOrder} BETWEEN @0 AND @1", RockstorDatabase.TrailKey(ownerId, 0), RockstorDatabase.TrailKey(ownerId, RockstorDatabase.MaxAttemptId))
            .OrderByDescending(BsonExpression.Create(RockstorDatabase.TrailOrder));

    private ILiteCollection<AttemptDocument> Collection(TrailSide side) => side == TrailSide.Send ? db.SendTrail : db.ReceiveTrail;

    private static Attempt ToAttempt(AttemptDocument d) => new()
    {
        Id = d.Id,
        OwnerId = d.OwnerId,
        Status = Enum.Parse<AttemptStatus>(d.Status),
        StartedAt = PoolRepository.Utc(d.StartedAt),
        EndedAt = d.EndedAt is { } ended ? PoolRepository.Utc(ended) : null,
        Snapshot = d.Snapshot,
        Parent = d.Parent,
        Bytes = d.Bytes,
        StreamBytes = d.StreamBytes,
        ExpectedBytes = d.ExpectedBytes,
        ResumedFrom = d.ResumedFrom,
        Note = d.Note,
        BytesPerSecond = d.BytesPerSecond,
        Error = d.Error,
        Retries = d.Retries,
    };
}

internal sealed class IncomingReplicaRepository(RockstorDatabase db) : IIncomingReplicaRepository
{
    private readonly Lock _changing = new();

    public IReadOnlyList<IncomingReplica> List() => db.IncomingReplicas.FindAll().OrderBy(r => r.Id).Select(ToReplica).ToList();

    public IncomingReplica? Find(int id) => db.IncomingReplicas.FindById(id) is { } d ? ToReplica(d) : null;

    public IncomingReplica? Find(string senderApplianceId, int senderTaskId) =>
        db.IncomingReplicas.FindOne(r => r.SenderApplianceId == senderApplianceId && r.SenderTaskId == senderTaskId) is { } d ? ToReplica(d) : null;

    public void Save(IncomingReplica replica)
    {
        var document = new IncomingReplicaDocument
        {
            Id = replica.Id,
            SenderApplianceId = replica.SenderApplianceId,
            SenderTaskId = replica.SenderTaskId,
            SourceShare = replica.SourceShare,
            ReplicaShare = replica.ReplicaShare,
            Pool = replica.Pool,
            LastReceiveAt = replica.LastReceiveAt?.UtcDateTime,
            ProposedRetention = RetentionDocument.Of(replica.ProposedRetention),
            AdoptedRetention = RetentionDocument.Of(replica.AdoptedRetention),
            Retention = RetentionDocument.Of(replica.Retention),
            ProtectionDays = replica.ProtectionDays,
            Withheld = replica.Withheld
                .Select(w => new WithheldDocument { Snapshot = w.Snapshot, Policy = w.Policy, FirstAt = w.FirstAt.UtcDateTime, ProtectedUntil = w.ProtectedUntil.UtcDateTime })
                .ToList(),
            Promotion = PromotionOf(replica.Promotion),
        };
        if (replica.Id == 0)
        {
            replica.Id = db.IncomingReplicas.Insert(document).AsInt32;
        }
        else
        {
            db.IncomingReplicas.Upsert(document);
        }
    }

    public void SaveSenderPolicy(int id, RetentionPolicy? proposed, RetentionPolicy? adopted) => Change(id, d =>
    {
        d.ProposedRetention = RetentionDocument.Of(proposed);
        d.AdoptedRetention = RetentionDocument.Of(adopted);
    });

    public void SaveReceive(int id, DateTimeOffset at, IReadOnlyList<WithheldDeletion> withheld) => Change(id, d =>
    {
        d.LastReceiveAt = at.UtcDateTime;
        d.Withheld = withheld
            .Select(w => new WithheldDocument { Snapshot = w.Snapshot, Policy = w.Policy, FirstAt = w.FirstAt.UtcDateTime, ProtectedUntil = w.ProtectedUntil.UtcDateTime })
            .ToList();
    });

    public void SaveOwnHistory(int id, RetentionPolicy? retention, RetentionPolicy? adopted, int? protectionDays) => Change(id, d =>
    {
        d.Retention = RetentionDocument.Of(retention);
        d.AdoptedRetention = RetentionDocument.Of(adopted);
        d.ProtectionDays = protectionDays;
    });

    public void SavePromotion(int id, ReplicaPromotion? promotion) => Change(id, d => d.Promotion = PromotionOf(promotion));

    private static PromotionDocument? PromotionOf(ReplicaPromotion? promotion) =>
        promotion is null ? null : new PromotionDocument { Share = promotion.Share, Snapshot = promotion.Snapshot, At = promotion.At.UtcDateTime };

    /// <summary>Reads the replica's document, changes some of its fields and writes it back; one change at a time.</summary>
    private void Change(int id, Action<IncomingReplicaDocument> change)
    {
        lock (_changing)
        {
            if (db.IncomingReplicas.FindById(id) is { } document)
            {
                change(document);
                db.IncomingReplicas.Update(document);
            }
        }
    }

    private static IncomingReplica ToReplica(IncomingReplicaDocument d) => new()
    {
        Id = d.Id,
        SenderApplianceId = d.SenderApplianceId,
        SenderTaskId = d.SenderTaskId,
        SourceShare = d.SourceShare,
        ReplicaShare = d.ReplicaShare,
        Pool = d.Pool,
        LastReceiveAt = d.LastReceiveAt is { } at ? PoolRepository.Utc(at) : null,
        ProposedRetention = d.ProposedRetention?.ToPolicy(),
        AdoptedRetention = d.AdoptedRetention?.ToPolicy() ?? d.ProposedRetention?.ToPolicy(),
        Retention = d.Retention?.ToPolicy(),
        ProtectionDays = d.ProtectionDays,
        Withheld = (d.Withheld ?? []).Select(w => new WithheldDeletion(w.Snapshot, w.Policy, PoolRepository.Utc(w.FirstAt), PoolRepository.Utc(w.ProtectedUntil))).ToList(),
        Promotion = d.Promotion is { } p ? new ReplicaPromotion(p.Share, p.Snapshot, PoolRepository.Utc(p.At)) : null,
    };
}
