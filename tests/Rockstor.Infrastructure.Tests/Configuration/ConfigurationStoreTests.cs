using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Accounts;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Configuration;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Retention;
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

    /// <summary>One of each kind through the repositories that keep secrets and ids, the rest as documents of the shape their stores write.</summary>
    private static void FillWithEveryKind(IServiceProvider services)
    {
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

        var db = services.GetRequiredService<RockstorDatabase>().Database;
        void Put(string collection, BsonDocument document) => db.GetCollection(collection).Upsert(document);
        Put("services", new BsonDocument { ["_id"] = "replication", ["Enabled"] = true });
        Put("snapshot_schedules", new BsonDocument { ["_id"] = 1, ["Name"] = "nightly", ["Shares"] = new BsonArray(new BsonValue("photos")), ["Cron"] = "0 2 * * *", ["Enabled"] = true, ["CreatedAt"] = At });
        Put("receive_settings", new BsonDocument { ["_id"] = 1, ["ProtectionDays"] = 7 });
        Put("incoming_replicas", new BsonDocument { ["_id"] = 1, ["SenderApplianceId"] = PeerId, ["SenderTaskId"] = 3, ["SourceShare"] = "docs", ["ReplicaShare"] = $"{PeerId}_docs", ["Pool"] = "tank", ["ProtectionDays"] = 30 });
        Put("local_users", new BsonDocument { ["_id"] = "alice", ["Uid"] = 1500, ["PrimaryGroup"] = "staff", ["OwnGroup"] = false, ["CreatedAt"] = At });
        Put("local_groups", new BsonDocument { ["_id"] = "staff", ["Gid"] = 1500, ["CreatedAt"] = At });
        Put("account_ids", new BsonDocument { ["_id"] = 1, ["HighestUid"] = 1500, ["HighestGid"] = 1500 });
        Put("smb_exports", new BsonDocument { ["_id"] = "photos", ["Browsable"] = true, ["ValidUsers"] = new BsonArray(new BsonValue("alice")) });
        Put("smb_settings", new BsonDocument { ["_id"] = 1, ["Workgroup"] = "HOME" });
        Put("nfs_exports", new BsonDocument { ["_id"] = "photos", ["Clients"] = new BsonArray(new BsonValue("10.0.0.0/24")) });
        Put("nfs_settings", new BsonDocument { ["_id"] = 1, ["Threads"] = 8 });
        Put("sftp_exports", new BsonDocument { ["_id"] = "photos", ["Users"] = new BsonArray(new BsonValue("alice")) });
        Put("sftp_settings", new BsonDocument { ["_id"] = 1, ["Port"] = 2222 });
        Put("self_test_schedule", new BsonDocument { ["_id"] = 1, ["ShortCron"] = "0 3 * * *" });
        Put("update_settings", new BsonDocument { ["_id"] = 1, ["Source"] = "https://updates.example.com/debian", ["Automatic"] = true, ["Window"] = "02:00-04:00" });
        Put("sequences", new BsonDocument { ["_id"] = "snapshot_schedules", ["Last"] = 7 });

        // History and runtime state, which stays behind.
        Put("pools", new BsonDocument { ["_id"] = "tank", ["Uuid"] = Guid.NewGuid().ToString() });
        Put("shares", new BsonDocument { ["_id"] = "photos", ["Pool"] = "tank", ["Uuid"] = Guid.NewGuid().ToString(), ["Kind"] = "Regular", ["CreatedAt"] = At });
        Put("shares", new BsonDocument { ["_id"] = $"{PeerId}_docs", ["Pool"] = "tank", ["Uuid"] = "", ["Kind"] = "Replica", ["CreatedAt"] = At });
        Put("send_trail", new BsonDocument { ["_id"] = 1L, ["OwnerId"] = 1, ["Status"] = "Succeeded", ["StartedAt"] = At });
        Put("alerts", new BsonDocument { ["_id"] = 1, ["Kind"] = "RunFailed", ["Open"] = true });
    }
}
