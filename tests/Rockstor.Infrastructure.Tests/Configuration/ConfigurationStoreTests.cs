using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Accounts;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Configuration;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Domain.Nfs;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Schedules;
using Rockstor.Domain.Services;
using Rockstor.Domain.Sftp;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Smb;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Updates;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Certificates;
using Rockstor.Infrastructure.Configuration;
using Rockstor.Infrastructure.Persistence;
using Rockstor.Infrastructure.Secrets;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Configuration;

/// <summary>
/// A configuration read from a real store (LiteDB file, Data Protection keys and certificate in a sandbox),
/// sealed in a file, opened and written into a second, fresh sandbox with keys of its own.
/// </summary>
public sealed class ConfigurationStoreTests : IDisposable
{
    private const string Passphrase = "a long enough passphrase";
    private const string SourceId = "0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b";
    private const string PeerId = "123e4567e89b12d3a456426614174000";
    private static readonly string Credential = "peer-credential-" + Guid.NewGuid().ToString("N");
    private static readonly string Password = "smtp-password-" + Guid.NewGuid().ToString("N");
    private static readonly DateTime At = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private readonly Sandbox _source = new();
    private readonly Sandbox _fresh = new();

    public void Dispose()
    {
        _source.Dispose();
        _fresh.Dispose();
    }

    [Fact]
    public void Every_kind_of_configuration_exported_from_a_store_is_imported_into_a_fresh_one_the_same_and_history_stays_behind()
    {
        byte[] file;
        Dictionary<string, List<BsonDocument>> exported;
        string fingerprint;
        using (var source = Compose(_source))
        {
            fingerprint = LocalCertificate.FingerprintOf(ApplianceCertificate.LoadOrCreate(_source.DataDirectory));
            FillWithEveryKind(source);
            exported = Raw(source, ConfigurationCollections.Exported);
            file = ConfigurationFile.Seal(source.GetRequiredService<IConfigurationStore>().Read(), Passphrase, SourceId, "source", At);
        }

        Assert.Empty(SecretScan.FilesHolding(_source.DataDirectory, Credential, Password)); // nothing in clear before
        using var fresh = Compose(_fresh);
        ApplianceCertificate.LoadOrCreate(_fresh.DataDirectory).Dispose(); // a fresh install made its own
        fresh.GetRequiredService<IApplianceStore>().Save(new ApplianceInfo { Id = "aaaabbbbccccdddd", Hostname = "fresh" });
        fresh.GetRequiredService<IUserRepository>().Add(new AdminUser { Username = "temporary", PasswordHash = "x", CreatedAt = At });
        fresh.GetRequiredService<IRefreshTokenFamilyRepository>().Save(new RefreshTokenFamily { Id = "family", Username = "temporary", Generation = 1, ExpiresAt = At.AddDays(30) });

        var imported = fresh.GetRequiredService<IConfigurationStore>().Write(ConfigurationFile.Open(file, Passphrase));

        var now = Raw(fresh, ConfigurationCollections.Exported);
        foreach (var name in ConfigurationCollections.Exported.Except(["paired_appliances", "alert_settings"]))
        {
            Assert.True(exported[name].Count > 0, $"The test fills no {name}.");
            Assert.Equal(exported[name].Select(d => d.ToString()), now[name].Select(d => d.ToString()));
            Assert.Equal(exported[name].Count, imported.Counts[name]);
        }

        // The secrets: the same in clear, encrypted with the fresh appliance's own keys.
        Assert.Equal(Credential, fresh.GetRequiredService<IPairedApplianceRepository>().Find(PeerId)!.OutgoingCredential);
        Assert.Equal(Password, fresh.GetRequiredService<IAlertSettingsStore>().Load().Email!.Password);
        Assert.StartsWith(StoredSecrets.Prefix, now["paired_appliances"].Single()["OutgoingCredential"].AsString, StringComparison.Ordinal);
        Assert.NotEqual(exported["paired_appliances"].Single()["OutgoingCredential"], now["paired_appliances"].Single()["OutgoingCredential"]);
        Assert.Empty(SecretScan.FilesHolding(_fresh.DataDirectory, Credential, Password));

        // Read back through the stores, each record is what the source's stores held.
        var smbSettings = fresh.GetRequiredService<ISmbStore>().LoadSettings();
        Assert.Equal("HOME", smbSettings.Workgroup);
        Assert.Equal(["server string = Family NAS"], smbSettings.GlobalOptions);
        var smb = fresh.GetRequiredService<ISmbStore>().Find("photos")!;
        Assert.Equal(["alice"], smb.Users);
        Assert.Equal(["family"], smb.Groups);
        Assert.Equal([new NfsClient("10.0.0.0/24", ReadOnly: true)], fresh.GetRequiredService<INfsStore>().Find("photos")!.Clients);
        Assert.Equal(["alice"], fresh.GetRequiredService<ISftpStore>().Find("photos")!.Users);
        Assert.Equal(new UpdateSettings("deb https://updates.example.com/debian stable main", true, UpdateWindow.Parse("02:00-04:00")), fresh.GetRequiredService<IUpdateSettingsStore>().Load());
        Assert.Equal(new ReplicationListenerSettings("10.0.0.1", 9555), fresh.GetRequiredService<IReplicationListenerStore>().Load());
        Assert.Equal(("family", "/bin/bash"), (fresh.GetRequiredService<ILocalUserRepository>().Find("alice")!.PrimaryGroup, fresh.GetRequiredService<ILocalUserRepository>().Find("alice")!.Shell));

        // A re-pin waiting for the admin's word is the peer's moment, not configuration: it does not come.
        Assert.Equal(new string('A', 64), fresh.GetRequiredService<IPairedApplianceRepository>().Find(PeerId)!.CertificateFingerprint);
        Assert.Null(fresh.GetRequiredService<IPairedApplianceRepository>().Find(PeerId)!.PendingFingerprint);

        // The identity, admin and certificate are the source's; the fresh install's logins are gone; history did not come.
        Assert.Equal(SourceId, fresh.GetRequiredService<IApplianceStore>().Get()!.Id);
        Assert.NotNull(fresh.GetRequiredService<IUserRepository>().Find("admin"));
        Assert.Null(fresh.GetRequiredService<IUserRepository>().Find("temporary"));
        Assert.Equal(fingerprint, LocalCertificate.FingerprintOf(ApplianceCertificate.LoadOrCreate(_fresh.DataDirectory)));
        var db = fresh.GetRequiredService<RockstorDatabase>().Database;
        Assert.Equal(["tank"], imported.Pools);
        Assert.Equal(["photos"], db.GetCollection("awaited_shares").FindAll().Select(d => d["_id"].AsString)); // the regular share, not the replica
        Assert.Equal(1, imported.Counts["shares"]);
        Assert.Equal(0, db.GetCollection("shares").Count()); // not there until the pool is imported
        Assert.Equal(0, db.GetCollection("refresh_token_families").Count());
        Assert.Equal(0, db.GetCollection("send_trail").Count());
        Assert.Equal(0, db.GetCollection("pools").Count());
        Assert.Equal(0, db.GetCollection("alerts").Count());
    }

    [Fact]
    public void A_write_that_fails_half_way_leaves_the_fresh_store_and_its_certificate_as_they_were()
    {
        byte[] payload;
        using (var source = Compose(_source))
        {
            ApplianceCertificate.LoadOrCreate(_source.DataDirectory).Dispose();
            FillWithEveryKind(source);
            payload = source.GetRequiredService<IConfigurationStore>().Read();
        }

        // Two alert settings with one id: the last collection written fails on its insert, after the others were.
        var document = BsonSerializer.Deserialize(payload);
        var settings = document["collections"]["alert_settings"].AsArray;
        settings.Add(settings[0]);
        var broken = BsonSerializer.Serialize(document);

        using var fresh = Compose(_fresh);
        var certificate = File.ReadAllBytes(CertificateFile(_fresh, ApplianceCertificate.LoadOrCreate(_fresh.DataDirectory)));
        fresh.GetRequiredService<IApplianceStore>().Save(new ApplianceInfo { Id = "aaaabbbbccccdddd", Hostname = "fresh" });
        var before = Raw(fresh, ConfigurationCollections.Exported);

        Assert.ThrowsAny<LiteException>(() => fresh.GetRequiredService<IConfigurationStore>().Write(broken));

        var after = Raw(fresh, ConfigurationCollections.Exported);
        Assert.All(ConfigurationCollections.Exported, name => Assert.Equal(before[name].Select(d => d.ToString()), after[name].Select(d => d.ToString())));
        Assert.Equal(certificate, File.ReadAllBytes(CertificateFile(_fresh, null)));
        Assert.Equal([ApplianceCertificate.FileName], Directory.GetFiles(Path.Combine(_fresh.DataDirectory, "tls")).Select(Path.GetFileName));
    }

    [Fact]
    public void Every_collection_the_store_holds_is_classified_as_exported_cleared_or_left_out()
    {
        using var source = Compose(_source);
        ApplianceCertificate.LoadOrCreate(_source.DataDirectory).Dispose();
        FillWithEveryKind(source);
        source.GetRequiredService<IConfigurationStore>().Read();
        var db = source.GetRequiredService<RockstorDatabase>();

        // What a store filled by every feature holds, and every collection the store class names.
        var named = typeof(RockstorDatabase).GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(ILiteCollection<>))
            .Select(p => (string)p.PropertyType.GetProperty(nameof(ILiteCollection<BsonDocument>.Name))!.GetValue(p.GetValue(db))!);
        var classified = ConfigurationCollections.Exported.Concat(ConfigurationCollections.NotExported).Concat(ConfigurationCollections.ClearedOnImport).Append(ConfigurationCollections.AwaitedShares).ToHashSet();

        Assert.Empty(db.Database.GetCollectionNames().Concat(named).Distinct().Where(n => !classified.Contains(n)).Order());
    }

    [Fact]
    public void A_file_whose_samba_options_run_a_program_as_root_is_refused_and_nothing_is_written() =>
        AssertRefused(d => d["collections"]["smb_settings"].AsArray[0].AsDocument["GlobalOptions"].AsArray.Add("root preexec = /bin/sh -c 'id > /tmp/owned'"), "root preexec");

    [Fact]
    public void A_file_whose_user_has_the_uid_0_is_refused_and_nothing_is_written() =>
        AssertRefused(d => d["collections"]["local_users"].AsArray[0].AsDocument["Uid"] = 0, "1000");

    [Fact]
    public void A_file_whose_update_window_cannot_be_read_is_refused_and_nothing_is_written() =>
        AssertRefused(d => d["collections"]["update_settings"].AsArray[0].AsDocument["Window"] = "every night", "every night");

    [Fact]
    public void A_file_whose_nfs_client_is_not_a_host_is_refused_and_nothing_is_written() =>
        AssertRefused(d => d["collections"]["nfs_exports"].AsArray[0].AsDocument["Clients"].AsArray[0].AsDocument["Host"] = "* (rw,no_root_squash)", "not");

    [Fact]
    public void A_file_whose_replication_port_is_out_of_range_is_refused_and_nothing_is_written() =>
        AssertRefused(d => d["collections"]["replication_listener"].AsArray[0].AsDocument["Port"] = 70000, "70000");

    [Fact]
    public void A_file_whose_user_has_a_system_group_as_primary_group_is_refused_and_nothing_is_written() =>
        AssertRefused(d => d["collections"]["local_users"].AsArray[0].AsDocument["PrimaryGroup"] = "sudo", "sudo");

    [Theory]
    [InlineData("alert_settings", "SmtpHost", "mail.example.com; rm -rf /", "The alert settings: The SMTP server 'mail.example.com; rm -rf /' is not")]
    [InlineData("alert_settings", "SmtpPort", 70000, "The alert settings: The SMTP port must be")]
    [InlineData("alert_settings", "SmtpSecurity", "ssl3", "The alert settings: SMTP security is \"none\", \"starttls\" or \"tls\", not \"ssl3\"")]
    [InlineData("alert_settings", "EmailFrom", "nobody", "The alert settings: The sender (from) 'nobody' is not an email address")]
    [InlineData("alert_settings", "WebhookUrl", "file:///etc/shadow", "The alert settings: 'file:///etc/shadow' is not a web address")]
    [InlineData("alert_settings", "WebhookUrl", "http://127.0.0.1:8080/hook", "The alert settings: The webhook's host 127.0.0.1 is this appliance")]
    [InlineData("alert_settings", "CapacityWarnPercent", 95, "The alert settings: A pool's fill thresholds are percents from 1 to 99, the warning below the critical one (not 95% and 90%)")]
    [InlineData("snapshot_schedules", "Cron", "every night", "The snapshot schedule 1 ('nightly'): 'every night' is not a cron expression")]
    [InlineData("snapshot_schedules", "Prefix", "replication-nightly", "The snapshot schedule 1 ('replication-nightly'): A snapshot prefix may not start with 'replication-'")]
    [InlineData("snapshot_schedules", "Retention.Last", -1, "The snapshot schedule 1 ('nightly'): The retention count 'last' must be")]
    [InlineData("snapshot_schedules", "Shares", "../../etc", "The snapshot schedule 1 ('nightly'): '../../etc' is not a valid share name")]
    [InlineData("replication_tasks", "FrequencyMinutes", 7, "The replication task 1 of 'photos': Every 7 minutes does not divide an hour")]
    [InlineData("replication_tasks", "Port", 0, "The replication task 1 of 'photos': The replication port must be")]
    [InlineData("replication_tasks", "TargetApplianceId", "abcdef", "The replication task 1 of 'photos': It replicates to 'abcdef', which is neither")]
    [InlineData("replication_tasks", "TargetPool", "../backup", "The replication task 1 of 'photos': '../backup' is not a valid pool name")]
    [InlineData("replication_tasks", "BandwidthLimitMBps", 0.01, "The replication task 1 of 'photos': A bandwidth limit below 0.1 MB/s")]
    [InlineData("replication_tasks", "Compression", "zstd", "The replication task 1 of 'photos': Compression is \"off\", \"on\" or \"auto\", not \"zstd\"")]
    [InlineData("replication_tasks", "WindowStart", "22:00", "The replication task 1 of 'photos': A replication window needs both its start and its end")]
    [InlineData("replication_tasks", "Retention.Last", 0, "The replication task 1 of 'photos': A retention policy must keep something")]
    [InlineData("self_test_schedule", "Short", "0 3 * *", "The short self-test's schedule: '0 3 * *' is not a cron expression of five fields")]
    [InlineData("sftp_settings", "Port", 0, "The SFTP settings: 0 is not a port")]
    [InlineData("appliance", "Hostname", "-source-", "The appliance's hostname: '-source-' is not a valid hostname")]
    [InlineData("users", "_id", "root; shutdown", "'root; shutdown' is not a valid username")]
    [InlineData("receive_settings", "ProtectionDays", 5000, "The receive settings: A protection period is between 0 (none) and 3650 days; 5000 is not")]
    [InlineData("incoming_replicas", "ProtectionDays", -1, "The incoming replica '123e4567e89b12d3a456426614174000_docs': A protection period is between 0 (none) and 3650 days; -1 is not")]
    [InlineData("paired_appliances", "Host", "10.0.0.2 -oProxyCommand=x", "The paired appliance 'destination': The address '10.0.0.2 -oProxyCommand=x' is not a host name or IP address")]
    [InlineData("paired_appliances", "ReplicationPort", 0, "The paired appliance 'destination': The replication port must be")]
    public void A_file_with_a_record_the_api_would_refuse_is_refused_with_a_sentence_naming_it_and_nothing_is_written(string collection, string field, object value, string named) =>
        AssertRefused(d => Set(d["collections"][collection].AsArray[0].AsDocument, field, new BsonValue(value)), named);

    /// <summary>Sets a field of a record ("Retention.Last" inside its retention); a list's first item when the field is a list.</summary>
    private static void Set(BsonDocument record, string field, BsonValue value)
    {
        var path = field.Split('.');
        var holder = path[..^1].Aggregate(record, (document, name) => document[name].AsDocument);
        if (holder[path[^1]].IsArray)
        {
            holder[path[^1]].AsArray[0] = value;
        }
        else
        {
            holder[path[^1]] = value;
        }
    }

    private void AssertRefused(Action<BsonDocument> tamper, string named)
    {
        byte[] payload;
        using (var source = Compose(_source))
        {
            ApplianceCertificate.LoadOrCreate(_source.DataDirectory).Dispose();
            FillWithEveryKind(source);
            payload = source.GetRequiredService<IConfigurationStore>().Read();
        }

        var document = BsonSerializer.Deserialize(payload);
        tamper(document);
        var tampered = BsonSerializer.Serialize(document);
        using var fresh = Compose(_fresh);
        var certificate = File.ReadAllBytes(CertificateFile(_fresh, ApplianceCertificate.LoadOrCreate(_fresh.DataDirectory)));
        fresh.GetRequiredService<IApplianceStore>().Save(new ApplianceInfo { Id = "aaaabbbbccccdddd", Hostname = "fresh" });
        var before = Raw(fresh, ConfigurationCollections.Exported);

        var refusal = Assert.Throws<ValidationException>(() => fresh.GetRequiredService<IConfigurationStore>().Write(tampered));

        Assert.StartsWith("The file was not imported and nothing was changed.", refusal.Message, StringComparison.Ordinal);
        Assert.True(refusal.Message.Contains(named, StringComparison.Ordinal), refusal.Message);
        var after = Raw(fresh, ConfigurationCollections.Exported);
        Assert.All(ConfigurationCollections.Exported, name => Assert.Equal(before[name].Select(d => d.ToString()), after[name].Select(d => d.ToString())));
        Assert.Equal(certificate, File.ReadAllBytes(CertificateFile(_fresh, null)));
    }

    private static string CertificateFile(Sandbox sandbox, IDisposable? loaded)
    {
        loaded?.Dispose();
        return Path.Combine(sandbox.DataDirectory, "tls", ApplianceCertificate.FileName);
    }

    private static ServiceProvider Compose(Sandbox sandbox) => StorageHost.AddSandboxedInfrastructure(new ServiceCollection(), sandbox).BuildServiceProvider();

    private static Dictionary<string, List<BsonDocument>> Raw(IServiceProvider services, IEnumerable<string> names)
    {
        var db = services.GetRequiredService<RockstorDatabase>().Database;
        return names.ToDictionary(n => n, n => db.GetCollection(n).FindAll().ToList());
    }

    /// <summary>One of each kind through the stores and repositories that write them, so each is in the shape the store keeps.</summary>
    private static void FillWithEveryKind(IServiceProvider services)
    {
        var at = new DateTimeOffset(At);
        services.GetRequiredService<IApplianceStore>().Save(new ApplianceInfo { Id = SourceId, Hostname = "source" });
        services.GetRequiredService<IUserRepository>().Add(new AdminUser { Username = "admin", PasswordHash = "AQAAAAIAAYagAAAAE-hash", CreatedAt = At, SecurityStamp = "stamp" });
        services.GetRequiredService<IPairedApplianceRepository>().Save(new PairedAppliance
        {
            Id = PeerId,
            Hostname = "destination",
            Host = "10.0.0.2",
            ManagementPort = 8443,
            ReplicationPort = 9443,
            CertificateFingerprint = new string('A', 64),
            OutgoingCredential = Credential,
            IncomingCredentialHash = new string('B', 64),
            PairedAt = At,
            PendingFingerprint = new string('C', 64), // the peer's re-pin, waiting for the admin's word
        });
        services.GetRequiredService<IAlertSettingsStore>().Save(new AlertSettings(
            new EmailSettings("mail.example.com", 587, SmtpSecurity.StartTls, "nas", Password, "nas@example.com", ["admin@example.com"]), null));
        services.GetRequiredService<IReplicationTaskRepository>().Save(new ReplicationTask
        {
            Share = "photos",
            TargetApplianceId = PeerId,
            TargetPool = "backup",
            FrequencyMinutes = 60,
            Port = 9443,
            Retention = RetentionPolicy.KeepLast(5),
            Enabled = true,
            BandwidthLimitMBps = 12.5,
            CreatedAt = At,
        });
        services.GetRequiredService<IServiceSettings>().SetEnabled(ServiceNames.Replication, true);
        services.GetRequiredService<ISnapshotScheduleRepository>().Save(new SnapshotSchedule
        {
            Shares = ["photos"],
            Cron = "0 2 * * *",
            Prefix = "nightly",
            Writable = false,
            Retention = RetentionPolicy.KeepLast(7),
            Enabled = true,
            CreatedAt = at,
        });
        services.GetRequiredService<IReceiveSettings>().SetDefaultProtectionDays(7);
        services.GetRequiredService<IIncomingReplicaRepository>().Save(new IncomingReplica
        {
            SenderApplianceId = PeerId,
            SenderTaskId = 3,
            SourceShare = "docs",
            ReplicaShare = $"{PeerId}_docs",
            Pool = "tank",
            ProtectionDays = 30,
        });
        services.GetRequiredService<ILocalGroupRepository>().Add(new LocalGroup { Name = "family", Gid = 1500, CreatedAt = at });
        services.GetRequiredService<ILocalUserRepository>().Add(new LocalUser { Name = "alice", Uid = 1500, PrimaryGroup = "family", FullName = "Alice", Shell = "/bin/bash", CreatedAt = at });
        var ids = services.GetRequiredService<IAccountIdLedger>();
        ids.RecordUid(1500);
        ids.RecordGid(1500);
        var smb = services.GetRequiredService<ISmbStore>();
        smb.SaveSettings(new SmbSettings { Workgroup = "HOME", GlobalOptions = ["server string = Family NAS"] });
        smb.Save(new SmbExport { Share = "photos", ShareCreatedAt = at, Enabled = true, Users = ["alice"], Groups = ["family"] });
        var nfs = services.GetRequiredService<INfsStore>();
        nfs.SaveSettings(new NfsSettings { V3 = true });
        nfs.Save(new NfsExport { Share = "photos", ShareCreatedAt = at, ExportId = nfs.NewExportId(), Enabled = true, Clients = [new NfsClient("10.0.0.0/24", ReadOnly: true)] });
        var sftp = services.GetRequiredService<ISftpStore>();
        sftp.SaveSettings(new SftpSettings { Port = 2222 });
        sftp.Save(new SftpExport { Share = "photos", ShareCreatedAt = at, Enabled = true, Users = ["alice"] });
        services.GetRequiredService<ISelfTestScheduleStore>().Save(new SelfTestSchedule("0 3 * * *", null));
        services.GetRequiredService<IUpdateSettingsStore>().Save(new UpdateSettings("deb https://updates.example.com/debian stable main", true, UpdateWindow.Parse("02:00-04:00")));
        services.GetRequiredService<IReplicationListenerStore>().Save(new ReplicationListenerSettings("10.0.0.1", 9555));

        // Not configuration: what the pools' disks hold, history and runtime state, which stay behind.
        services.GetRequiredService<IPoolRepository>().Add(new Pool { Name = "tank", RaidLevel = RaidLevel.Single, Devices = ["/dev/vdb"], Uuid = Guid.NewGuid().ToString(), CreatedAt = at });
        var shares = services.GetRequiredService<IShareRepository>();
        shares.Add(new Share { Name = "photos", Pool = "tank", Uuid = Guid.NewGuid().ToString(), CreatedAt = at });
        shares.Add(new Share { Name = $"{PeerId}_docs", Pool = "tank", Uuid = "", CreatedAt = at, Kind = ShareKind.Replica });
        var db = services.GetRequiredService<RockstorDatabase>().Database;
        db.GetCollection("send_trail").Upsert(new BsonDocument { ["_id"] = 1L, ["OwnerId"] = 1, ["Status"] = "Succeeded", ["StartedAt"] = At });
        db.GetCollection("alerts").Upsert(new BsonDocument { ["_id"] = 1, ["Kind"] = "RunFailed", ["Open"] = true });
    }
}
