using Rockstor.Domain.Appliances;
using Rockstor.Domain.Disks;
using Rockstor.Domain.Nfs;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Failback;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Schedules;
using Rockstor.Domain.Services;
using Rockstor.Domain.Sftp;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Smb;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// One appliance of a test, all in memory: its own disk (<see cref="FakeStorageFiles"/> and
/// <see cref="FakeBtrfs"/>), records, trail, spools and news, and the real services wired from them as the
/// composition root wires them: pools, shares, snapshots, the attempt log, the receivers behind the
/// router, and the replication runner sending through an <see cref="InProcessTransport"/>.
/// </summary>
public sealed class Appliance
{
    public const string Pool = "tank";

    private Appliance(string id, string hostname, string host, TimeProvider time, RetryPolicy retry, bool serviceOn)
    {
        Id = id;
        Hostname = hostname;
        Host = host;
        Files = new FakeStorageFiles();
        Btrfs = new FakeBtrfs(Files, time);
        Devices = new FakeBlockDevices(Btrfs, Files);
        Layout = new StorageLayout($"/mnt/{hostname}", $"/var/lib/{hostname}");
        Spool = new FakeReceiveSpool(time);
        Log = new AttemptLog(Trails, Events, Refusals, Btrfs, time);
        var storageLock = new StorageLock();
        var accountLock = new AccountLock();
        Smb = new SmbService(SmbRecords, Records, AccountRecords, AccountRecords, accountLock, SambaServer);
        Nfs = new NfsService(NfsRecords, Records, NfsServer);
        Sftp = new SftpService(SftpRecords, Records, AccountRecords, accountLock, SftpServer);
        Schedules = new SnapshotScheduleService(ScheduleRecords, Records, ScheduleRecords, new TaskSchedule(new EveryCron()), time);
        Pools = new PoolService(Records, Records, Snapshots, Btrfs, Devices, Files, Layout, storageLock, [Smb, Nfs, Sftp, Schedules], PoolOperations, time);
        var reconciler = new SnapshotReconciler(Records, Snapshots, Btrfs, Layout, time);
        var resolver = new AccountResolver(Accounts, AccountRecords, AccountRecords);
        Shares = new ShareService(Records, Snapshots, Pools, reconciler, Btrfs, Files, Layout, storageLock, accountLock, new ShareSettings(resolver, Btrfs, Files), [Smb, Nfs, Sftp, Schedules], time);
        Users = new UserService(Accounts, Samba, AccountRecords, AccountRecords, AccountRecords, Admins, Shares, resolver, [Smb, Nfs, Sftp], accountLock, time);
        Groups = new GroupService(Accounts, AccountRecords, AccountRecords, AccountRecords, Shares, [Smb, Nfs, Sftp], accountLock, time);
        SnapshotService = new SnapshotService(Snapshots, Records, Records, Pools, Shares, reconciler, Btrfs, Files, Layout, storageLock, Admins, time);
        ScheduleRunner = new SnapshotScheduleRunner(ScheduleRecords, Snapshots, SnapshotService, time);
        Disks = new DiskService(Devices, Records, Btrfs, storageLock);
        var confined = new ConfinedReceive(Btrfs, Files);
        Protection = new ReplicaProtection(Replicas, ReceiveSettings, storageLock, time);
        var bases = new ReplicaBases(Records, Snapshots, Btrfs, Files, Layout, storageLock, Log);
        ReplicaReceiver = new ReplicaReceiver(Replicas, Records, Snapshots, Records, Pools, Btrfs, confined, Files, Layout, storageLock, Spool, Log, Protection, bases, time);
        var restores = new RestoreService(new RestoreStore(), Paired, new RestorePeer(), new ApplianceIdentity(new ThisAppliance(id, hostname)), Records, Records, Records, time);
        var fileRestores = new Snapshots.Files.SnapshotRestoreService(Snapshots, Records, SnapshotService, new NoSnapshotFiles(), Layout, storageLock, time);
        var failbacks = new FailbackReceiver(Records, Records, Pools, SnapshotService, fileRestores, restores, Records, confined, Files, Layout, Log);
        Receiver = new ReceiverRouter(ReplicaReceiver, failbacks, Log);
        Service = new ServiceSwitch(serviceOn);
        Services = new ServiceMonitor([Service], Service);
        Runner = new ReplicationRunner(Records, Replicas, Snapshots, Records, Awaited, SnapshotService, Paired, new ApplianceIdentity(new ThisAppliance(id, hostname)), Transport, Btrfs, Log, Events, Services, retry, time);
    }

    public string Id { get; }

    public string Hostname { get; }

    /// <summary>The address its peers know it by.</summary>
    public string Host { get; }

    public FakeStorageFiles Files { get; }

    public FakeAccountDatabase Accounts { get; } = new();

    /// <summary>The shares a configuration import brought whose pool is not imported yet.</summary>
    public AwaitedShareRecords Awaited { get; } = new();

    public FakeSambaAccounts Samba { get; } = new();

    public AccountRecords AccountRecords { get; } = new();

    public AdminRecords Admins { get; } = new();

    public FakeSambaServer SambaServer { get; } = new();

    public SmbRecords SmbRecords { get; } = new();

    public SmbService Smb { get; }

    public FakeNfsServer NfsServer { get; } = new();

    public NfsRecords NfsRecords { get; } = new();

    public NfsService Nfs { get; }

    public FakeSftpServer SftpServer { get; } = new();

    public SftpRecords SftpRecords { get; } = new();

    public SftpService Sftp { get; }

    public UserService Users { get; }

    public GroupService Groups { get; }

    public FakeBtrfs Btrfs { get; }

    public FakeBlockDevices Devices { get; }

    public StorageLayout Layout { get; }

    public StorageRecords Records { get; } = new();

    public PoolOperationRecords PoolOperations { get; } = new();

    public IReplicationTaskRepository Tasks => Records;

    public SnapshotRecords Snapshots { get; } = new();

    public TrailRecords Trails { get; } = new();

    public IncomingReplicas Replicas { get; } = new();

    public RefusalRecords Refusals { get; } = new();

    public FakeReceiveSpool Spool { get; }

    public EventRecorder Events { get; } = new();

    public PairedAppliances Paired { get; } = new();

    public InProcessTransport Transport { get; } = new();

    public ServiceSwitch Service { get; }

    public ServiceMonitor Services { get; }

    public AttemptLog Log { get; }

    public PoolService Pools { get; }

    public ShareService Shares { get; }

    public SnapshotService SnapshotService { get; }

    public ReplicaReceiver ReplicaReceiver { get; }

    /// <summary>What the replication listener hands every connection to.</summary>
    public ReceiverRouter Receiver { get; }

    public ReplicationRunner Runner { get; }

    /// <summary>The destination's default protection for what it receives.</summary>
    public ReceiveSettingsRecord ReceiveSettings { get; } = new();

    /// <summary>The destination's own policy and protection for its replicas.</summary>
    public ReplicaProtection Protection { get; }

    /// <summary>The machine's disks as the Disks screen shows them (the disks are <see cref="Devices"/>'s).</summary>
    public DiskService Disks { get; }

    /// <summary>Snapshot schedules and the recurring jobs held for them.</summary>
    public ScheduleRecords ScheduleRecords { get; } = new();

    public SnapshotScheduleService Schedules { get; }

    public SnapshotScheduleRunner ScheduleRunner { get; }

    /// <summary>An appliance with its pool <see cref="Pool"/> made (on an image file) and mounted, and its replication service on unless told otherwise.</summary>
    public static async Task<Appliance> StartAsync(string id, string hostname, string host, TimeProvider time, RetryPolicy retry, bool serviceOn = true)
    {
        var appliance = new Appliance(id, hostname, host, time, retry, serviceOn);
        await appliance.Services.StartEnabledAsync(CancellationToken.None);
        await appliance.Pools.CreateAsync(new CreateImagePool(Pool, 1), CancellationToken.None);
        return appliance;
    }

    /// <summary>An appliance on its own (no peers, no retries): for tests of its storage and accounts.</summary>
    public static Task<Appliance> StartAloneAsync() => StartAsync(
        "a1", "nas1", "10.0.0.1", TimeProvider.System, new RetryPolicy(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));

    /// <summary>Makes a share holding <paramref name="content"/>.</summary>
    public async Task<string> ShareAsync(string name, string content)
    {
        var share = await Shares.CreateAsync(Pool, name, CancellationToken.None);
        Btrfs.Write(share.Path, content);
        return share.Path;
    }

    /// <summary>
    /// The names of the share's snapshots, oldest first by name, after checking that the records and the
    /// disk agree (a subvolume left behind, or a record without one, fails the test).
    /// </summary>
    public IReadOnlyList<string> Kept(string share)
    {
        var recorded = Snapshots.ListForShare(share).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        var onDisk = Files.Entries(Layout.ShareSnapshotsDirectory(Pool, share)).Select(e => Path.GetFileName(e)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(recorded, onDisk);
        return recorded;
    }

    /// <summary>The share's snapshot of that name, as recorded.</summary>
    public Snapshot Snapshot(string share, string name) => Snapshots.Find(share, name) ?? throw new InvalidOperationException($"{Hostname} has no snapshot {share}/{name}.");

    /// <summary>The trail of one side for the owner (a task here, or an incoming replica), newest first.</summary>
    public IReadOnlyList<Attempt> Trail(TrailSide side, int ownerId) => Trails.List(side, ownerId);
}
