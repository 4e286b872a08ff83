using System.Globalization;
using LiteDB;
using Rockstor.Domain.Shares;

namespace Rockstor.Infrastructure.Persistence;

/// <summary>The appliance's store: one LiteDB file under the data directory, opened once for the process.</summary>
public sealed class RockstorDatabase : IDisposable
{
    public const string FileName = "rockstor.db";

    /// <summary>btrfs names are case-sensitive; LiteDB compares without case unless told otherwise.</summary>
    private static readonly Collation OrdinalCollation = new(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal);

    public RockstorDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.Combine(dataDirectory, FileName);
        Database = new LiteDatabase(new ConnectionString
            {
                Filename = Path,
                Connection = ConnectionType.Direct,

                Collation = OrdinalCollation,
            }, new BsonMapper());
        Pools.EnsureIndex(p => p.Name, unique: true);
        Shares.EnsureIndex(s => s.Pool);
        Snapshots.EnsureIndex(s => s.Share);
        Snapshots.EnsureIndex(s => s.Pool);
        Snapshots.EnsureIndex(s => s.CreatedAt);
        Snapshots.EnsureIndex(s => s.Name);
        Snapshots.EnsureIndex(s => s.ScheduleId);
        PoolOperations.EnsureIndex(o => o.Pool);
        PoolOperations.EnsureIndex(o => o.State);
        Refusals.EnsureIndex(r => r.Key);
        Refusals.EnsureIndex(r => r.From);
        Restores.EnsureIndex(r => r.CodeHash, unique: true);
        SendTrail.EnsureIndex(a => a.OwnerId);
        ReceiveTrail.EnsureIndex(a => a.OwnerId);
        SendTrail.EnsureIndex(TrailOrderIndex, TrailOrder);
        ReceiveTrail.EnsureIndex(TrailOrderIndex, TrailOrder);
    }

    /// <summary>Attempt ids stay below this (a trillion runs); the trail order relies on it.</summary>
    internal const long MaxAttemptId = 999_999_999_999;

    internal const string TrailOrderIndex = "owner_then_id";

    /// <summary>One number per attempt that sorts a trail by owner, then by id: LiteDB has no compound index.</summary>
    internal const string TrailOrder = "$.OwnerId * 1000000000000 + $._id";

    internal static BsonValue TrailKey(int ownerId, long attemptId) => new(ownerId * (MaxAttemptId + 1) + attemptId);

    public string Path { get; }

    internal LiteDatabase Database { get; }

    internal ILiteCollection<PoolDocument> Pools => Database.GetCollection<PoolDocument>("pools");

    internal ILiteCollection<ShareDocument> Shares => Database.GetCollection<ShareDocument>("shares");

    internal ILiteCollection<SnapshotDocument> Snapshots => Database.GetCollection<SnapshotDocument>("snapshots");

    internal ILiteCollection<PoolOperationDocument> PoolOperations => Database.GetCollection<PoolOperationDocument>("pool_operations");

    internal ILiteCollection<SequenceDocument> Sequences => Database.GetCollection<SequenceDocument>("sequences");

    internal ILiteCollection<ReceiveSettingsDocument> ReceiveSettings => Database.GetCollection<ReceiveSettingsDocument>("receive_settings");

    internal ILiteCollection<SnapshotScheduleDocument> SnapshotSchedules => Database.GetCollection<SnapshotScheduleDocument>("snapshot_schedules");

    internal ILiteCollection<PendingRestoreDocument> Restores => Database.GetCollection<PendingRestoreDocument>("restores");

    internal ILiteCollection<LocalUserDocument> LocalUsers => Database.GetCollection<LocalUserDocument>("local_users");

    internal ILiteCollection<LocalGroupDocument> LocalGroups => Database.GetCollection<LocalGroupDocument>("local_groups");

    internal ILiteCollection<AccountIdsDocument> AccountIds => Database.GetCollection<AccountIdsDocument>("account_ids");

    internal ILiteCollection<SmbExportDocument> SmbExports => Database.GetCollection<SmbExportDocument>("smb_exports");

    internal ILiteCollection<SmbSettingsDocument> SmbSettings => Database.GetCollection<SmbSettingsDocument>("smb_settings");

    internal ILiteCollection<NfsExportDocument> NfsExports => Database.GetCollection<NfsExportDocument>("nfs_exports");

    internal ILiteCollection<NfsSettingsDocument> NfsSettings => Database.GetCollection<NfsSettingsDocument>("nfs_settings");

    internal ILiteCollection<SftpExportDocument> SftpExports => Database.GetCollection<SftpExportDocument>("sftp_exports");

    internal ILiteCollection<SftpSettingsDocument> SftpSettings => Database.GetCollection<SftpSettingsDocument>("sftp_settings");

    internal ILiteCollection<UserDocument> Users => Database.GetCollection<UserDocument>("users");

    internal ILiteCollection<RefreshTokenFamilyDocument> RefreshTokenFamilies => Database.GetCollection<RefreshTokenFamilyDocument>("refresh_token_families");

    internal ILiteCollection<ApplianceDocument> Appliance => Database.GetCollection<ApplianceDocument>("appliance");

    internal ILiteCollection<PairedApplianceDocument> PairedAppliances => Database.GetCollection<PairedApplianceDocument>("paired_appliances");

    internal ILiteCollection<ServiceSettingDocument> ServiceSettings => Database.GetCollection<ServiceSettingDocument>("services");

    internal ILiteCollection<ReplicationTaskDocument> ReplicationTasks => Database.GetCollection<ReplicationTaskDocument>("replication_tasks");

    internal ILiteCollection<AttemptDocument> SendTrail => Database.GetCollection<AttemptDocument>("send_trail");

    internal ILiteCollection<AttemptDocument> ReceiveTrail => Database.GetCollection<AttemptDocument>("receive_trail");

    internal ILiteCollection<IncomingReplicaDocument> IncomingReplicas => Database.GetCollection<IncomingReplicaDocument>("incoming_replicas");

    internal ILiteCollection<RefusalDocument> Refusals => Database.GetCollection<RefusalDocument>("refusals");

    internal ILiteCollection<ReplicationListenerDocument> ReplicationListener => Database.GetCollection<ReplicationListenerDocument>("replication_listener");

    /// <summary>
    /// Writes the file anew from its documents, so bytes of documents that were changed or deleted (a secret
    /// stored in clear before it was encrypted) are not left in its free pages; LiteDB's copy of the old
    /// file is deleted after.
    /// </summary>
    internal void RebuildWithoutFreeSpace()
    {
        Database.Rebuild(new LiteDB.Engine.RebuildOptions { Collation = OrdinalCollation });
        foreach (var copy in Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileNameWithoutExtension(Path) + "-backup*"))
        {
            File.Delete(copy);
        }
    }

    public void Dispose() => Database.Dispose();
}

internal sealed class PoolDocument
{
    [BsonId]
    public string Name { get; set; } = "";

    public string RaidLevel { get; set; } = "";

    public List<string> Devices { get; set; } = [];

    /// <summary>The first image file (all a pool had before pools of several image files).</summary>
    public string? ImageFile { get; set; }

    public List<string>? ImageFiles { get; set; }

    public string? Compression { get; set; }

    public List<string>? MountOptions { get; set; }

    public string? ScrubSchedule { get; set; }

    public bool Removable { get; set; }

    /// <summary>Device error counters last seen, by devid (as text: BSON document keys are strings).</summary>
    public Dictionary<string, long>? SeenDeviceErrors { get; set; }

    public string Uuid { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

internal sealed class ShareDocument
{
    [BsonId]
    public string Name { get; set; } = "";

    public string Pool { get; set; } = "";

    public string Uuid { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public string Kind { get; set; } = nameof(ShareKind.Regular);

    public string Owner { get; set; } = ShareAccess.Root;

    public string Group { get; set; } = ShareAccess.Root;

    public string Mode { get; set; } = ShareAccess.DefaultMode;

    public long SizeLimitBytes { get; set; }

    public string Compression { get; set; } = nameof(ShareCompression.Off);
}

internal sealed class SnapshotDocument
{
    /// <summary>"share/name".</summary>
    [BsonId]
    public string Key { get; set; } = "";

    public string Share { get; set; } = "";

    public string Name { get; set; } = "";

    public string Pool { get; set; } = "";

    public string Path { get; set; } = "";

    public bool ReadOnly { get; set; }

    public DateTime CreatedAt { get; set; }

    public string Uuid { get; set; } = "";

    public string? ParentUuid { get; set; }

    public string? ReceivedUuid { get; set; }

    public bool Locked { get; set; }

    public int? ScheduleId { get; set; }

    public long SubvolumeId { get; set; }
}

internal sealed class UserDocument
{
    [BsonId]
    public string Username { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public string? SecurityStamp { get; set; }
}

internal sealed class RefreshTokenFamilyDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public string Username { get; set; } = "";

    public int Generation { get; set; }

    public DateTime ExpiresAt { get; set; }
}

internal sealed class ApplianceDocument
{
    /// <summary>Always 1: the store holds one appliance, this one.</summary>
    [BsonId]
    public int Key { get; set; } = 1;

    public string Id { get; set; } = "";

    public string? Hostname { get; set; }
}
