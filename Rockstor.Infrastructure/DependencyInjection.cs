using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Accounts;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Dashboard;
using Rockstor.Domain.Dashboard.Forecast;
using Rockstor.Domain.Dashboard.Machine;
using Rockstor.Domain.Disks;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Failback;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Replication.Promotion;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Schedules;
using Rockstor.Domain.Services;
using Rockstor.Domain.Sftp;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Nfs;
using Rockstor.Domain.Smb;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Snapshots.Files;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Accounts;
using Rockstor.Infrastructure.Alerts;
using Rockstor.Infrastructure.Certificates;
using Rockstor.Infrastructure.Dashboard;
using Rockstor.Infrastructure.Disks;
using Rockstor.Infrastructure.Jobs;
using Rockstor.Infrastructure.Peers;
using Rockstor.Infrastructure.Persistence;
using Rockstor.Infrastructure.Replication;
using Rockstor.Infrastructure.Nfs;
using Rockstor.Infrastructure.Samba;
using Rockstor.Infrastructure.Secrets;
using Rockstor.Infrastructure.Sftp;
using Rockstor.Infrastructure.Snapshots;
using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Users;

namespace Rockstor.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The data directory's folder of data-protection keys.</summary>
    private const string KeysFolder = "keys";

    /// <summary>The store, btrfs and the domain services, configured from <see cref="RockstorOptions"/>.</summary>
    public static IServiceCollection AddRockstorInfrastructure(this IServiceCollection services)
    {
        services.AddOptions<RockstorOptions>().BindConfiguration(RockstorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new RockstorDatabase(sp.GetRequiredService<IOptions<RockstorOptions>>().Value.DataDirectory));

        // Data Protection: cookies, bearer tokens and the secrets the store keeps, with keys in <DataDirectory>/keys.
        services.AddDataProtection().SetApplicationName("Rockstor");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<RockstorOptions>, ILoggerFactory>((keys, options, logs) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(options.Value.DataDirectory, KeysFolder)), logs));
        services.AddSingleton<StoredSecrets>();
        services.AddHostedService<ClearSecretsMigration>();
        services.AddSingleton<Domain.Configuration.IConfigurationStore, Configuration.ConfigurationStore>();
        services.AddSingleton<Domain.Configuration.ConfigurationService>();
        services.AddSingleton<IAwaitedShares, Configuration.AwaitedShares>();
        services.AddSingleton<IPoolRepository, PoolRepository>();
        services.AddSingleton<IShareRepository, ShareRepository>();
        services.AddSingleton<SnapshotRepository>();
        services.AddSingleton<ObservedSnapshotRepository>();
        services.AddSingleton<ISnapshotRepository>(sp => sp.GetRequiredService<ObservedSnapshotRepository>());
        services.AddSingleton<IUserRepository, UserRepository>();
        services.AddSingleton<IRefreshTokenFamilyRepository, RefreshTokenFamilyRepository>();
        services.AddSingleton<IApplianceStore, ApplianceStore>();
        services.AddSingleton<Domain.Accounts.IPasswordHasher, AspNetPasswordHasher>();

        services.AddSingleton<CommandRunner>();
        services.AddSingleton(new MountTable());
        services.AddSingleton<IBtrfs, BtrfsCli>();
        services.AddSingleton<Domain.Pools.Operations.IBtrfsOperations, BtrfsOperationsCli>();
        services.AddSingleton<Domain.Pools.Operations.IPoolOperationRepository, PoolOperationRepository>();
        services.AddSingleton<Domain.Pools.Operations.RunningCommands>();
        services.AddSingleton<Domain.Pools.Operations.PoolOperationGate>();
        services.AddSingleton<Domain.Pools.Operations.PoolOperationEvents>();
        services.AddSingleton<Domain.Pools.Operations.PoolOperationService>();
        services.AddSingleton<Domain.Pools.Operations.PoolOperationControl>();
        services.AddSingleton<Domain.Pools.Operations.PoolOperationMonitor>();
        services.AddSingleton<IBlockDevices, LinuxBlockDevices>();
        services.AddSingleton<IStorageFiles, StorageFiles>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RockstorOptions>>().Value;
            return new StorageLayout(options.MountRoot, options.DataDirectory);
        });

        services.AddSingleton<StorageLock>();
        services.AddSingleton<AccountLock>();
        services.AddSingleton<IAccountDatabase, SystemAccountDatabase>();
        services.AddSingleton(sp => new SambaLayout(sp.GetRequiredService<IOptions<RockstorOptions>>().Value.DataDirectory));
        services.AddSingleton<ISambaAccounts, SambaPasswordDatabase>();
        services.AddSingleton<LocalUserRepository>();
        services.AddSingleton<ObservedLocalUserRepository>();
        services.AddSingleton<ILocalUserRepository>(sp => sp.GetRequiredService<ObservedLocalUserRepository>());
        services.AddSingleton<ILocalGroupRepository, LocalGroupRepository>();
        services.AddSingleton<IAccountIdLedger, AccountIdLedger>();
        services.AddSingleton<AccountResolver>();
        services.AddSingleton<ShareSettings>();
        services.AddSingleton<UserService>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<PoolService>();
        services.AddSingleton<Domain.Pools.Import.PoolImportService>();
        services.AddSingleton<PoolSettingsService>();
        services.AddSingleton<ShareService>();
        services.AddSingleton<SnapshotReconciler>();
        services.AddSingleton<SnapshotService>();
        services.AddSingleton<ISnapshotFiles, SnapshotFiles>();
        services.AddSingleton<SnapshotFileService>();
        services.AddSingleton<SnapshotRestoreService>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RockstorOptions>>().Value;
            return new SessionLifetimes(options.SessionIdleTimeout, options.SessionLifetime);
        });
        services.AddSingleton<SessionService>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<IAdminCredentials>(sp => sp.GetRequiredService<AccountService>());
        services.AddSingleton<ApplianceIdentity>();

        services.AddSingleton(sp => new LocalCertificate(
            ApplianceCertificate.LoadOrCreate(sp.GetRequiredService<IOptions<RockstorOptions>>().Value.DataDirectory)));
        services.AddSingleton<ILocalCertificate>(sp => sp.GetRequiredService<LocalCertificate>());
        services.AddSingleton<ICertificateStore, CertificateStore>();
        services.AddSingleton<OwnCertificateService>();
        services.AddSingleton<CertificateRepinning>();
        services.AddSingleton<PairedApplianceRepository>();
        services.AddSingleton<IPairedApplianceRepository>(sp => sp.GetRequiredService<PairedApplianceRepository>());
        services.AddSingleton<PeerClient>();
        services.AddSingleton<IPeerClient>(sp => sp.GetRequiredService<PeerClient>());
        services.AddSingleton<IRestorePeer>(sp => sp.GetRequiredService<PeerClient>());
        services.AddSingleton<IPendingRestoreRepository, PendingRestoreRepository>();
        services.AddSingleton<RestoreService>();
        services.AddSingleton<PairingService>();

        services.AddSingleton<IServiceSettings, ServiceSettings>();
        services.AddSingleton<IdSequences>();
        services.AddSingleton<IReplicationTaskRepository, ReplicationTaskRepository>();
        services.AddSingleton<ITrailRepository, TrailRepository>();
        services.AddSingleton<IIncomingReplicaRepository, IncomingReplicaRepository>();
        services.AddSingleton<IRefusalLog, RefusalLog>();
        services.AddSingleton<ReplicationEventBus>();
        services.AddSingleton<IReplicationEvents>(sp => sp.GetRequiredService<ReplicationEventBus>());
        services.AddSingleton<ReplicationClient>();
        services.AddSingleton<LocalReplicationTransport>();
        services.AddSingleton<RemovablePools>();
        services.AddSingleton<IReplicationTransport, ReplicationTransports>();
        services.AddSingleton<IReceiveSpool, ReceiveSpool>();
        services.AddSingleton<ConfinedReceive>();
        services.AddSingleton<IReceiveSettings, ReceiveSettingsStore>();
        services.AddSingleton<ReplicaProtection>();
        services.AddSingleton<SnapshotSizes>();
        services.AddSingleton<DiskService>();
        services.AddSingleton<ISmartReader, SmartctlReader>();
        services.AddSingleton<SmartService>();
        services.AddSingleton<ISmartBaselines, SmartBaselineStore>();
        services.AddSingleton<ISelfTestScheduleStore, SelfTestScheduleStore>();
        services.AddSingleton<SmartAlerts>();
        services.AddSingleton<ReplicaBases>();
        services.AddSingleton<ReplicaReceiver>();
        services.AddSingleton<ReplicaPromoter>();
        services.AddSingleton<FailbackReceiver>();
        services.AddSingleton<FailbackSender>();
        services.AddSingleton<IReplicationReceiver, ReceiverRouter>();
        services.AddSingleton<ReplicationQueries>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RockstorOptions>>().Value;
            return new RetryPolicy(
                options.ReplicationRetries,
                TimeSpan.FromSeconds(options.ReplicationRetryDelaySeconds),
                TimeSpan.FromSeconds(60),
                TimeSpan.FromSeconds(options.ReplicationStallSeconds));
        });
        services.AddSingleton<IAlertRepository, AlertRepository>();
        services.AddSingleton<AlertSettingsStore>();
        services.AddSingleton<IAlertSettingsStore>(sp => sp.GetRequiredService<AlertSettingsStore>());
        services.AddSingleton<IAlertChannel, SmtpAlertChannel>();
        services.AddSingleton<IAlertChannel, WebhookAlertChannel>();
        services.AddSingleton<IHostResolver, DnsResolver>();
        services.AddSingleton<AlertService>();
        services.AddHostedService<AlertWatch>();
        services.AddHostedService<ReplicationAlertListener>();
        services.AddSingleton<Domain.Pools.Health.PoolAlerts>();
        services.AddHostedService<PoolAlertWatch>();
        services.AddSingleton<Domain.Services.ServiceAlerts>();
        services.AddHostedService<ServiceAlertWatch>();
        services.AddSingleton<Domain.Appliances.CertificateAlerts>();
        services.AddHostedService<HealthWatch>();
        services.AddSingleton<Domain.Alerts.Reports.IStatusReportMailer, SmtpStatusReportMailer>();
        services.AddSingleton<Domain.Alerts.Reports.StatusReportBuilder>();
        services.AddSingleton<Domain.Alerts.Reports.WeeklyReportService>();
        services.AddSingleton<AttemptLog>();
        services.AddSingleton<ICronCalendar, CronosCalendar>();
        services.AddSingleton<TaskSchedule>();
        services.AddSingleton<ReplicationRecovery>();
        services.AddSingleton<ReplicationRunner>();
        services.AddSingleton<ReplicationTaskService>();
        services.AddSingleton<ISnapshotScheduleRepository, SnapshotScheduleRepository>();
        services.AddSingleton<SnapshotScheduleService>();
        services.AddSingleton<IExportReferences>(sp => sp.GetRequiredService<SnapshotScheduleService>());
        services.AddSingleton<SnapshotScheduleRunner>();
        services.AddRockstorJobs();

        services.AddSingleton<ReplicationListener>();
        services.AddSingleton<IManagedService>(sp => sp.GetRequiredService<ReplicationListener>());
        services.AddSingleton<IReplicationEndpoint>(sp => sp.GetRequiredService<ReplicationListener>());
        services.AddSingleton<IReplicationListenerStore, ReplicationListenerStore>();
        services.AddSingleton<IMachineAddresses, MachineAddresses>();
        services.AddSingleton<IReservedPorts, ReservedPorts>();
        services.AddSingleton<ReplicationListenerService>();
        services.AddSingleton<PeerReplicationPort>();
        services.AddSingleton<ShadowCopyLinks>();
        services.AddSingleton<ISmbStore, SmbStore>();
        services.AddSingleton(sp =>
        {
            var server = ActivatorUtilities.CreateInstance<SambaServer>(sp);
            sp.GetRequiredService<ObservedSnapshotRepository>().Changed += server.SnapshotsChanged;
            return server;
        });
        services.AddSingleton<ISambaServer>(sp => sp.GetRequiredService<SambaServer>());
        services.AddSingleton<IManagedService>(sp => sp.GetRequiredService<SambaServer>());
        services.AddSingleton<SmbService>();
        services.AddSingleton<IExportReferences>(sp => sp.GetRequiredService<SmbService>());
        services.AddSingleton(sp => new GaneshaLayout(sp.GetRequiredService<IOptions<RockstorOptions>>().Value.DataDirectory));
        services.AddSingleton<INfsStore, NfsStore>();
        services.AddSingleton<ExportMounts>();
        services.AddSingleton<GaneshaServer>();
        services.AddSingleton<INfsServer>(sp => sp.GetRequiredService<GaneshaServer>());
        services.AddSingleton<IManagedService>(sp => sp.GetRequiredService<GaneshaServer>());
        services.AddSingleton<NfsService>();
        services.AddSingleton<IExportReferences>(sp => sp.GetRequiredService<NfsService>());

        services.AddSingleton(sp => new SftpLayout(sp.GetRequiredService<IOptions<RockstorOptions>>().Value.DataDirectory));
        services.AddSingleton<ChrootBinds>();
        services.AddSingleton<ISftpStore, SftpStore>();
        services.AddSingleton(sp =>
        {
            var server = ActivatorUtilities.CreateInstance<SftpServer>(sp);
            sp.GetRequiredService<ObservedLocalUserRepository>().Changed += server.UserChanged;
            return server;
        });
        services.AddSingleton<ISftpServer>(sp => sp.GetRequiredService<SftpServer>());
        services.AddSingleton<IManagedService>(sp => sp.GetRequiredService<SftpServer>());
        services.AddSingleton<SftpService>();
        services.AddSingleton<IExportReferences>(sp => sp.GetRequiredService<SftpService>());
        services.AddSingleton<ServiceMonitor>();
        services.AddRockstorDashboard();
        services.AddRockstorUpdates();
        return services;
    }

    /// <summary>Updates of the appliance from its package source (ADR-038).</summary>
    private static void AddRockstorUpdates(this IServiceCollection services)
    {
        services.AddSingleton<Updates.HealthAddress>();
        services.AddSingleton<Domain.Updates.IPackageManager, Updates.AptPackageManager>();
        services.AddSingleton<Domain.Updates.IUpdateSettingsStore, Updates.UpdateSettingsStore>();
        services.AddSingleton<Domain.Updates.UpdateService>();
        services.AddHostedService<Updates.UpdateWatch>();
    }

    /// <summary>The dashboard: the machine's counters, the pools' usage history and its sampler, the live feed (ADR-036).</summary>
    private static void AddRockstorDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DashboardOptions>>().Value;
            var version = (System.Reflection.Assembly.GetEntryAssembly() ?? typeof(DependencyInjection).Assembly)
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
                .FirstOrDefault()?.InformationalVersion ?? "0.0.0";
            // "0.1.0+<commit>" (the build adds the commit): "0.1.0 (63fa615)".
            if (version.Split('+', 2) is [var number, var commit])
            {
                version = $"{number} ({commit[..Math.Min(7, commit.Length)]})";
            }

            return new DashboardSettings
            {
                LiveInterval = options.LiveInterval,
                StorageRefresh = options.StorageRefresh,
                SampleInterval = options.SampleInterval,
                FlushInterval = options.FlushInterval,
                HistoryKept = options.HistoryKept,
                ForecastWindow = options.HistoryKept < TimeSpan.FromDays(28) ? options.HistoryKept : TimeSpan.FromDays(28),
                Version = version,
            };
        });
        services.AddSingleton<ISystemCounters, ProcSystemCounters>();
        services.AddSingleton<IPoolUsageStore, PoolUsageStore>();
        services.AddSingleton<PoolUsageHistory>();
        services.AddSingleton<DashboardSource>();
        services.AddSingleton<IDashboardSource>(sp => sp.GetRequiredService<DashboardSource>());
        services.AddHostedService<DashboardFailureLog>();
        services.AddSingleton<DashboardFeed>();
        services.AddHostedService<PoolUsageSampler>();
    }
}
